//! Languages by their BCP 47 tags: which tags name a language CLDR knows, and what a language
//! is called, in the reader's language or in itself, from CLDR's data (ICU4X display names).
//!
//! The association may work in any language, not only the six the interface speaks, so no
//! table of names is written here. CLDR's data is large: it stays on the server (the `ssr`
//! part), and pages receive the names they show as [`LanguageName`]s.

use serde::{Deserialize, Serialize};

/// A language as a page shows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageName {
    /// The BCP 47 tag, as recorded.
    pub tag: String,
    /// Its name in the reader's language ("German" for an English reader, "독일어" for a Korean
    /// one), in English where CLDR has no name in the reader's language.
    pub name: String,
    /// Its name in itself ("Deutsch"), for a choice of languages; in English where CLDR has none.
    pub native: String,
}

/// The languages the pages of an assembly name, for one reader.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyLanguages {
    /// Every language the pages of the assembly may name: the association's working languages,
    /// the declaration's texts', the news summaries' and any the page asked for, each once.
    pub names: Vec<LanguageName>,
    /// The languages the news summary is published in, as readers are offered them (the
    /// association's main language first).
    pub news: Vec<String>,
}

impl AssemblyLanguages {
    /// The names of `tag`, if the page asked for them.
    pub fn of(&self, tag: &str) -> Option<&LanguageName> {
        self.names.iter().find(|n| n.tag == tag)
    }
}

/// The most tags one request may ask names for: more than any association works in.
pub const MAX_TAGS: usize = 40;

/// The longest tag a request may ask a name for, in characters: BCP 47 tags in use are far
/// shorter ("sr-Latn-RS").
pub const MAX_TAG: usize = 40;

#[cfg(feature = "ssr")]
pub use cldr::*;

#[cfg(feature = "ssr")]
mod cldr {
    use icu_experimental::displaynames::multi::{
        LanguageDisplayNames, LocaleDisplayNamesFormatter, RegionDisplayNames, ScriptDisplayNames,
        VariantDisplayNames,
    };
    use icu_experimental::displaynames::DisplayNamesOptions;
    use icu_locale_core::{locale, LanguageIdentifier, Locale};

    use super::LanguageName;
    use crate::{Error, Problem, Result};

    /// Refuses, naming `field`, a tag that is not a BCP 47 language identifier whose language,
    /// script, region and variants CLDR names ("de", "pt-BR", "zh-Hant", "sr-Latn-RS"); a blank
    /// one is missing. Extensions (`-u-…`) are refused too: a working language needs none.
    pub fn check_tag(field: &str, tag: &str) -> Result<()> {
        let tag = tag.trim();
        if tag.is_empty() {
            return Err(Error::invalid(field, Problem::Required));
        }
        let unknown = || {
            Error::invalid(
                field,
                Problem::UnknownLanguage {
                    tag: tag.chars().take(super::MAX_TAG).collect(),
                },
            )
        };
        let id: LanguageIdentifier = tag.parse().map_err(|_| unknown())?;
        if known(&id) {
            Ok(())
        } else {
            Err(unknown())
        }
    }

    /// Checks every tag of `tags` (see [`check_tag`]).
    pub fn check_tags(field: &str, tags: &[String]) -> Result<()> {
        tags.iter().try_for_each(|t| check_tag(field, t))
    }

    /// Whether CLDR's English data names every subtag of `id`: a language it has no name for is
    /// not one it knows (nor is "und", the undetermined language).
    fn known(id: &LanguageIdentifier) -> bool {
        let en = locale!("en");
        let options = DisplayNamesOptions::default();
        let Ok(languages) = LanguageDisplayNames::try_new(en.clone().into(), options) else {
            return false;
        };
        if id.language.is_unknown() || languages.of(id.language).is_none() {
            return false;
        }
        let script = id.script.is_none_or(|s| {
            ScriptDisplayNames::try_new(en.clone().into(), options)
                .is_ok_and(|names| names.of(s).is_some())
        });
        let region = id.region.is_none_or(|r| {
            RegionDisplayNames::try_new(en.clone().into(), options)
                .is_ok_and(|names| names.of(r).is_some())
        });
        let variants = id.variants.is_empty()
            || VariantDisplayNames::try_new(en.clone().into(), options)
                .is_ok_and(|names| id.variants.iter().all(|v| names.of(*v).is_some()));
        script && region && variants
    }

    /// The name of the language of `tag` in the language of `reader` (a tag too), in English
    /// where CLDR has no name for it in the reader's language; the tag itself, as recorded,
    /// when it is not a tag at all (a row stored before tags were checked).
    pub fn name_in(tag: &str, reader: &str) -> String {
        let Ok(id) = tag.trim().parse::<LanguageIdentifier>() else {
            return tag.to_owned();
        };
        let reader: Locale = reader
            .trim()
            .parse::<LanguageIdentifier>()
            .map(Locale::from)
            .unwrap_or(locale!("en"));
        named(&id, &reader)
            .or_else(|| named(&id, &locale!("en")))
            .unwrap_or_else(|| tag.to_owned())
    }

    /// The name of the language of `tag` in itself ("Deutsch", "한국어"), in English where CLDR
    /// has none.
    pub fn native_name(tag: &str) -> String {
        match tag.trim().parse::<LanguageIdentifier>() {
            Ok(id) => name_in(tag, &id.to_string()),
            Err(_) => tag.to_owned(),
        }
    }

    /// Refuses what a page may not ask names for: more than [`MAX_TAGS`](super::MAX_TAGS)
    /// tags, or a tag or reader of more than [`MAX_TAG`](super::MAX_TAG) characters.
    pub fn check_asked(tags: &[String], reader: &str) -> Result<()> {
        crate::rules::in_range("also", tags.len() as i64, 0, super::MAX_TAGS as i64)?;
        for tag in tags {
            crate::model::limits::within("also", tag, super::MAX_TAG)?;
        }
        crate::model::limits::within("reader", reader, super::MAX_TAG)
    }

    /// `tags` named for a reader of `reader`'s language.
    pub fn language_names(tags: &[String], reader: &str) -> Vec<LanguageName> {
        tags.iter()
            .map(|tag| LanguageName {
                tag: tag.clone(),
                name: name_in(tag, reader),
                native: native_name(tag),
            })
            .collect()
    }

    /// The name of `id` in `reader`'s data, when that data names its language; capitalized,
    /// since it stands alone as a heading or a link ("Немецкий", not "немецкий", as CLDR's
    /// stand-alone context has it).
    fn named(id: &LanguageIdentifier, reader: &Locale) -> Option<String> {
        let options = DisplayNamesOptions::default();
        let languages = LanguageDisplayNames::try_new(reader.into(), options).ok()?;
        languages.of(id.language)?;
        let formatter = LocaleDisplayNamesFormatter::try_new(reader.into(), options).ok()?;
        Some(capitalized(&formatter.of(&Locale::from(id.clone()))))
    }

    fn capitalized(name: &str) -> String {
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn languages_cldr_knows_pass_and_others_are_refused_naming_the_field() {
            for tag in [
                "en",
                "de",
                "pt-BR",
                "zh-Hant",
                "sr-Latn-RS",
                "haw",
                "yue",
                " fr ",
            ] {
                assert!(check_tag("languages", tag).is_ok(), "{tag}");
            }
            for tag in [
                "xx",
                "english",
                "und",
                "de-XY",
                "en-Abcd",
                "12",
                "en_US!",
                "de-u-co-phonebk",
            ] {
                let err = check_tag("languages", tag).unwrap_err();
                assert_eq!(err.field(), Some("languages"), "{tag}");
                assert!(
                    matches!(
                        err,
                        Error::Invalid {
                            problem: Problem::UnknownLanguage { .. },
                            ..
                        }
                    ),
                    "{tag}: {err:?}"
                );
            }
            assert_eq!(
                check_tag("languages", "  ").unwrap_err(),
                Error::invalid("languages", Problem::Required)
            );
            assert!(check_tags("languages", &["en".into(), "qq".into()]).is_err());
        }

        #[test]
        fn a_language_is_named_in_the_readers_language() {
            assert_eq!(name_in("de", "en"), "German");
            assert_eq!(name_in("de", "ko"), "독일어");
            assert_eq!(name_in("de", "ja"), "ドイツ語");
            assert_eq!(name_in("de", "ru"), "Немецкий", "capitalized as a heading");
            assert_eq!(name_in("pt-BR", "en"), "Brazilian Portuguese");
            assert_eq!(name_in("ko", "en"), "Korean");
        }

        #[test]
        fn a_reader_language_without_names_falls_back_to_english() {
            // Hawaiian has no CLDR names of languages; a reader tag that is no tag reads English.
            assert_eq!(name_in("de", "haw"), "German");
            assert_eq!(name_in("de", "not a tag"), "German");
            // The compiled CLDR data names no language in Mongolian: itself included.
            assert_eq!(native_name("mn"), "Mongolian");
            assert_eq!(name_in("ko", "mn"), "Korean");
        }

        #[test]
        fn a_language_is_named_in_itself() {
            assert_eq!(native_name("de"), "Deutsch");
            assert_eq!(native_name("ko"), "한국어");
            assert_eq!(native_name("en"), "English");
            assert_eq!(native_name("fr"), "Français", "capitalized as a link");
        }

        #[test]
        fn a_stored_value_that_is_no_tag_is_shown_as_it_is() {
            assert_eq!(name_in("not a tag", "en"), "not a tag");
            assert_eq!(native_name("??"), "??");
        }

        #[test]
        fn names_come_for_every_tag_in_order() {
            let names = language_names(&["en".into(), "de".into()], "en");
            assert_eq!(
                names,
                vec![
                    LanguageName {
                        tag: "en".into(),
                        name: "English".into(),
                        native: "English".into()
                    },
                    LanguageName {
                        tag: "de".into(),
                        name: "German".into(),
                        native: "Deutsch".into()
                    },
                ]
            );
        }
    }
}
