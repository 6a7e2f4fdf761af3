//! The closed sets of values of the domain (kinds, statuses, rules).

use super::domain_enum;

domain_enum! {
    /// How a government belongs to the association.
    MemberKind {
        Member => "member",
        Associate => "associate member",
        Observer => "observer",
    }
}

domain_enum! {
    /// Where a government stands in the register.
    MemberStatus {
        /// Has applied; not yet admitted.
        Applicant => "applicant",
        Active => "active",
        Withdrawn => "withdrawn",
        /// Kept for the record (it has ballots or decisions) but no longer listed.
        Archived => "archived",
    }
}

domain_enum! {
    /// How an assembly meets.
    AssemblyMode {
        InPerson => "in person",
        Online => "online",
        Hybrid => "hybrid",
    }
}

domain_enum! {
    AssemblyStatus {
        Planned => "planned",
        Postponed => "postponed",
        InProgress => "in progress",
        Concluded => "concluded",
        Cancelled => "cancelled",
    }
}

domain_enum! {
    /// The part of an assembly a session is.
    SessionKind {
        OpeningCeremony => "opening ceremony",
        Working => "working session",
        Closing => "closing",
    }
}

domain_enum! {
    AgendaItemKind {
        WelcomingRemarks => "welcoming remarks",
        OpeningRemarks => "opening remarks",
        CongratulatorySpeech => "congratulatory speech",
        GuestSpeech => "guest speech",
        Report => "report",
        Presentation => "presentation",
        Application => "application",
        Declaration => "declaration",
        Other => "other",
    }
}

domain_enum! {
    AgendaItemStatus {
        Pending => "pending",
        Current => "current",
        Done => "done",
        Skipped => "skipped",
        Deferred => "deferred",
    }
}

domain_enum! {
    /// How a speaker's words reach the assembly.
    Delivery {
        InPerson => "in person",
        Online => "online",
        Video => "video message",
    }
}

domain_enum! {
    ApplicationKind {
        Chairmanship => "chairmanship",
        Membership => "membership",
    }
}

domain_enum! {
    ApplicationStatus {
        Submitted => "submitted",
        Approved => "approved",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
    }
}

domain_enum! {
    /// What a vote needs to pass.
    VoteRule {
        /// Every present eligible member voted yes.
        Unanimous => "unanimity",
        /// Nobody voted no; abstentions allowed.
        Consensus => "consensus",
        TwoThirds => "two-thirds majority",
        SimpleMajority => "simple majority",
    }
}

domain_enum! {
    VoteStatus {
        Open => "open",
        Closed => "closed",
    }
}

domain_enum! {
    BallotChoice {
        Yes => "yes",
        No => "no",
        Abstain => "abstain",
    }
}

domain_enum! {
    /// How a government or guest takes part in an assembly.
    AttendanceMode {
        InPerson => "in person",
        Online => "online",
    }
}

domain_enum! {
    /// Who an attendance line counts, when it is not a member government of the register.
    GuestKind {
        /// A regional government that is not (yet) in the register.
        RegionalGovernment => "regional government",
        /// An international organization, a national government, a company …
        OutsideBody => "outside body",
    }
}

domain_enum! {
    DecisionOutcome {
        Approved => "approved",
        Rejected => "not approved",
        Noted => "noted",
    }
}

domain_enum! {
    /// What a decision changes in the register.
    DecisionEffect {
        None => "no change to the register",
        AdmitMember => "admits a member",
        ElectChair => "elects the chair",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_parse() {
        for name in AgendaItemKind::names() {
            assert_eq!(AgendaItemKind::parse("kind", name).unwrap().as_str(), name);
        }
        assert_eq!(Delivery::Video.as_str(), "video");
        assert_eq!(AssemblyMode::InPerson.as_str(), "in_person");
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_field_and_the_choices() {
        let err = VoteRule::parse("rule", "acclaim").unwrap_err();
        assert_eq!(err.field(), Some("rule"));
        assert!(err.to_string().contains("unanimous, consensus"), "{err}");
    }

    #[test]
    fn serde_uses_the_stored_names() {
        let json = serde_json::to_string(&MemberKind::Associate).unwrap();
        assert_eq!(json, "\"associate\"");
    }
}
