//! The accounts the load signs in with, read from the listing `plenary demo` prints ("role email
//! password member" per line), so that a benchmark needs no account created by hand.

/// One account of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub role: String,
    pub email: String,
    pub password: String,
}

/// The organizer and the delegates of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounts {
    pub organizer: Account,
    pub delegates: Vec<Account>,
}

/// Reads the listing; other lines of the demo's output are skipped.
pub fn parse(listing: &str) -> Result<Accounts, String> {
    let mut organizer = None;
    let mut delegates = Vec::new();
    for line in listing.lines() {
        let mut words = line.split_whitespace();
        let (Some(role), Some(email), Some(password)) = (words.next(), words.next(), words.next())
        else {
            continue;
        };
        if !email.contains('@') {
            continue;
        }
        let account = Account {
            role: role.to_owned(),
            email: email.to_owned(),
            password: password.to_owned(),
        };
        match role {
            "organizer" if organizer.is_none() => organizer = Some(account),
            "delegate" => delegates.push(account),
            _ => {}
        }
    }
    let organizer = organizer.ok_or("the listing names no organizer account")?;
    Ok(Accounts {
        organizer,
        delegates,
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_the_demo_listing() {
        let listing = "Loaded the 13th General Assembly of NEAR as demo data.\n\
            Demo accounts (sign in at /login; the passwords are shown only now):\n\
            \x20 organizer secretariat@near.example   s3cret-one  \n\
            \x20 delegate  hyogo-prefecture@delegates.near.example   pw-two  Hyogo Prefecture\n\
            \x20 delegate  ulsan@delegates.near.example   pw-three  Ulsan Metropolitan City\n";
        let accounts = parse(listing).unwrap();
        assert_eq!(accounts.organizer.email, "secretariat@near.example");
        assert_eq!(accounts.organizer.password, "s3cret-one");
        let emails: Vec<_> = accounts
            .delegates
            .iter()
            .map(|d| d.email.as_str())
            .collect();
        assert_eq!(
            emails,
            [
                "hyogo-prefecture@delegates.near.example",
                "ulsan@delegates.near.example"
            ]
        );
        assert_eq!(accounts.delegates[1].password, "pw-three");
    }

    #[test]
    fn a_listing_without_an_organizer_is_refused() {
        let err = parse("  delegate  a@b.example  pw  A\n").unwrap_err();
        assert!(err.contains("no organizer"), "{err}");
    }
}
