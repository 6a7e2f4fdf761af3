//! When two names of the register are the same name: regardless of case, of how Unicode
//! encodes the same letters (a precomposed "é" or "e" with a combining accent, a full-width
//! "Ｕ" or "U") and of spacing, so that "Ulsan Metropolitan City" and "ULSAN  metropolitan city"
//! cannot both be members.

use unicode_normalization::UnicodeNormalization;

/// The comparison key of a name: compatibility-normalized (NFKC), lower-cased, normalized
/// again (lower-casing can undo a composition), with runs of white space made one space and
/// the ends trimmed. Two names are the same when their keys are equal.
pub fn name_key(name: &str) -> String {
    let folded: String = name.nfkc().collect::<String>().to_lowercase();
    let normalized: String = folded.nfkc().collect();
    normalized.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_spacing_do_not_make_another_name() {
        assert_eq!(
            name_key("Ulsan Metropolitan City"),
            name_key("  ULSAN   metropolitan\tcity ")
        );
        assert_ne!(name_key("Ulsan"), name_key("Ulsan City"));
    }

    #[test]
    fn unicode_encodings_of_the_same_letters_are_one_name() {
        // A precomposed é, and e followed by a combining acute accent.
        assert_eq!(name_key("Qu\u{e9}bec"), name_key("Que\u{301}bec"));
        // Full-width letters, as some input methods type them.
        assert_eq!(name_key("ＵＬＳＡＮ"), name_key("ulsan"));
        // Greek capital sigma, and a name written in Hangul.
        assert_eq!(name_key("ΣΟΦΙΑ"), name_key("σοφια"));
        assert_eq!(name_key("울산광역시"), name_key(" 울산광역시"));
        assert_ne!(name_key("울산광역시"), name_key("부산광역시"));
    }
}
