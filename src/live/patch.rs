//! The live view sent as changes: an advance of the agenda changes a few fields of a 10 KB view,
//! so each viewer is sent the JSON Patch (RFC 6902) from the state it holds to the next one, and
//! the whole view only when it connects or has missed something.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::views::LiveView;

/// The change from the live view of event `base` to the view of the event that carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LivePatch {
    pub base: i64,
    pub ops: json_patch::Patch,
}

impl LivePatch {
    /// The patch that turns `before` (the view of event `base`, as JSON) into `after`.
    #[cfg(feature = "ssr")]
    pub fn between(base: i64, before: &Value, after: &Value) -> LivePatch {
        LivePatch {
            base,
            ops: json_patch::diff(before, after),
        }
    }
}

/// A viewer's copy of the live view, as JSON so that patches apply to exactly what was sent.
#[derive(Debug, Clone)]
pub struct LiveDocument {
    json: Value,
    event_id: i64,
}

impl LiveDocument {
    /// The document of a full state (a `state` event's data), and the view it holds.
    pub fn from_state(data: &str) -> Option<(LiveDocument, LiveView)> {
        let json: Value = serde_json::from_str(data).ok()?;
        let view: LiveView = serde_json::from_value(json.clone()).ok()?;
        let document = LiveDocument {
            json,
            event_id: view.event_id,
        };
        Some((document, view))
    }

    /// The document of a view the page already shows (rendered on the server).
    pub fn of(view: &LiveView) -> Option<LiveDocument> {
        Some(LiveDocument {
            json: serde_json::to_value(view).ok()?,
            event_id: view.event_id,
        })
    }

    /// Applies a `patch` event's data; the new view, or `None` when the patch was made for
    /// another state than this one (or does not apply): the viewer then needs the full state.
    pub fn apply(&mut self, data: &str) -> Option<LiveView> {
        let patch: LivePatch = serde_json::from_str(data).ok()?;
        if patch.base != self.event_id {
            return None;
        }
        let mut json = self.json.clone();
        json_patch::patch(&mut json, &patch.ops).ok()?;
        let view: LiveView = serde_json::from_value(json.clone()).ok()?;
        *self = LiveDocument {
            json,
            event_id: view.event_id,
        };
        Some(view)
    }

    pub fn event_id(&self) -> i64 {
        self.event_id
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::model::AssemblyStatus;

    fn view(event_id: i64, status: AssemblyStatus, check_in_open: bool) -> LiveView {
        LiveView {
            number: 13,
            title: "13th General Assembly".into(),
            slogan: None,
            status,
            time_zone: "Asia/Seoul".into(),
            now: None,
            next: None,
            sessions: Vec::new(),
            vote: None,
            check_in_open,
            event_id,
        }
    }

    fn json(view: &LiveView) -> Value {
        serde_json::to_value(view).unwrap()
    }

    fn patch_text(base: &LiveView, next: &LiveView) -> String {
        let patch = LivePatch::between(base.event_id, &json(base), &json(next));
        serde_json::to_string(&patch).unwrap()
    }

    #[test]
    fn a_patch_turns_the_state_it_was_made_from_into_the_next() {
        let first = view(4, AssemblyStatus::Planned, false);
        let second = view(5, AssemblyStatus::InProgress, true);
        let text = patch_text(&first, &second);
        assert!(text.len() < serde_json::to_string(&second).unwrap().len());
        let (mut document, shown) =
            LiveDocument::from_state(&serde_json::to_string(&first).unwrap()).unwrap();
        assert_eq!(shown, first);
        assert_eq!(document.apply(&text), Some(second));
        assert_eq!(document.event_id(), 5);
    }

    #[test]
    fn a_patch_for_another_state_is_refused_and_changes_nothing() {
        let first = view(4, AssemblyStatus::Planned, false);
        let second = view(5, AssemblyStatus::InProgress, false);
        let third = view(6, AssemblyStatus::InProgress, true);
        let mut document = LiveDocument::of(&first).unwrap();
        // Event 5 was missed: the patch to 6 is made from 5.
        assert_eq!(document.apply(&patch_text(&second, &third)), None);
        assert_eq!(document.event_id(), 4);
        assert_eq!(document.apply("not json"), None);
        assert_eq!(document.apply(&patch_text(&first, &second)), Some(second));
    }
}
