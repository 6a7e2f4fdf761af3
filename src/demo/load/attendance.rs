//! Writes the attendance: a line for each government of the register present and one for each
//! guest.

use crate::demo::attendance::{delegates, governments_present, mode, GUESTS};
use crate::model::{AttendanceMode, NewAttendance};
use crate::storage::{insert_attendance, Tx};
use crate::Result;

use super::register::Members;

pub async fn load_attendance(tx: &mut Tx, assembly: i64, members: &Members) -> Result<()> {
    for name in governments_present() {
        let line = NewAttendance {
            member_id: Some(members.id(name)?),
            guest_name: None,
            guest_kind: None,
            mode: mode(name),
            delegates: delegates(name),
        };
        insert_attendance(tx, assembly, &line).await?;
    }
    for (name, kind, delegates) in GUESTS {
        let line = NewAttendance {
            member_id: None,
            guest_name: Some((*name).into()),
            guest_kind: Some(*kind),
            mode: AttendanceMode::Online,
            delegates: *delegates,
        };
        insert_attendance(tx, assembly, &line).await?;
    }
    Ok(())
}
