//! What the secretariat records after each item: reports received, presentations, the adopted
//! declaration, and the news summary with its photos.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::domain_enum;
use super::*;
use crate::record::DeclarationText;
use crate::{Error, Problem, Result};

/// The largest photo a news summary takes: 5 MiB (the database checks it too).
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;

/// The image types a news summary takes, by the signature at the start of the file.
const IMAGE_SIGNATURES: &[(&str, &[u8])] = &[
    ("image/jpeg", &[0xFF, 0xD8, 0xFF]),
    (
        "image/png",
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
    ),
    ("image/webp", b"RIFF"),
];

domain_enum! {
    NewsStatus {
        Draft => "draft",
        Published => "published",
    }
}

/// A committee's report as stored.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: i64,
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub committee_id: i64,
    pub presenting_member_id: i64,
    pub outcomes: Option<String>,
    pub next_meeting_place: Option<String>,
    pub next_meeting_date: Option<NaiveDate>,
}

/// A member's presentation as stored.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presentation {
    pub id: i64,
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub member_id: i64,
    pub topic: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPresentation {
    pub agenda_item_id: Option<i64>,
    pub member_id: i64,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub topic: Option<String>,
}

impl NewPresentation {
    pub fn validate(&self) -> Result<()> {
        limits::optional_within("topic", self.topic.as_deref(), limits::TITLE)
    }
}

/// The declaration of an assembly as stored, with its texts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub id: i64,
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub title: String,
    pub adopted_at: Option<DateTime<Utc>>,
    pub texts: Vec<DeclarationText>,
}

/// Recording the declaration: its title, the item it was adopted under, when, and its texts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeclarationInput {
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub title: String,
    pub agenda_item_id: Option<i64>,
    pub adopted_at: Option<DateTime<Utc>>,
    /// One text per language; a text left empty is removed.
    pub texts: Vec<DeclarationText>,
}

impl DeclarationInput {
    pub fn validate(&self) -> Result<()> {
        if let Some(at) = self.adopted_at {
            crate::times::instant_in_range("adopted_at", at)?;
        }
        limits::required("title", &self.title, limits::TITLE)?;
        for t in &self.texts {
            language_tag("language", &t.language)?;
            // A text is headed with its language's CLDR name: one CLDR has no name for would
            // be headed with a bare code. The data is on the server only.
            #[cfg(feature = "ssr")]
            crate::languages::check_tag("language", &t.language)?;
            limits::within("body", &t.body, limits::LONG)?;
        }
        Ok(())
    }
}

/// A BCP 47 language tag as the association writes them: "en", "ko", "zh-Hant".
pub fn language_tag(field: &str, tag: &str) -> Result<String> {
    let tag = tag.trim();
    let well_formed = !tag.is_empty()
        && tag.len() <= 12
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if !well_formed {
        return Err(Error::invalid(field, Problem::LanguageTag));
    }
    Ok(tag.to_owned())
}

/// The news summary of an assembly in one language.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsSummary {
    pub id: i64,
    pub assembly_id: i64,
    /// "en", "ko", …
    pub language: String,
    pub headline: String,
    pub lead: String,
    /// Paragraphs separated by a blank line.
    pub body: String,
    pub status: NewsStatus,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

impl NewsSummary {
    /// The body's paragraphs, without empty ones.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }
}

/// An organizer's edit of a news summary.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewsEdit {
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub headline: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub lead: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub body: String,
}

impl NewsEdit {
    pub fn validate(&self) -> Result<()> {
        limits::required("headline", &self.headline, limits::TITLE)?;
        limits::within("lead", self.lead.trim(), limits::NOTE)?;
        limits::required("body", &self.body, limits::LONG).map(drop)
    }
}

/// A photo of the news summary, without its bytes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub assembly_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub caption: Option<String>,
    pub uploaded_at: DateTime<Utc>,
}

/// An uploaded photo, checked before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub file_name: String,
    pub content_type: String,
    pub caption: Option<String>,
    pub data: Vec<u8>,
}

impl NewAttachment {
    /// Checks the size and that the bytes are the image the declared type says; the file's
    /// own signature decides, so a renamed document is refused.
    pub fn validate(&self) -> Result<()> {
        limits::required("file", &self.file_name, limits::NAME)?;
        limits::optional_within("caption", self.caption.as_deref(), limits::TITLE)?;
        if self.data.is_empty() {
            return Err(Error::invalid("file", Problem::Required));
        }
        if self.data.len() > MAX_ATTACHMENT_BYTES {
            return Err(Error::invalid(
                "file",
                Problem::AttachmentTooLarge {
                    max_mb: (MAX_ATTACHMENT_BYTES / (1024 * 1024)) as i64,
                },
            ));
        }
        let wrong_type = || {
            Error::invalid(
                "file",
                Problem::AttachmentType {
                    allowed: "JPEG, PNG, WebP".into(),
                },
            )
        };
        if image_type(&self.data) != Some(self.content_type.as_str()) {
            return Err(wrong_type());
        }
        // The signature alone would take a file that only begins like an image (a PNG
        // signature, then a web page); the whole image must decode. Only the server keeps
        // photos, so the browser's build goes without the decoders.
        #[cfg(feature = "ssr")]
        if !decodes(&self.data, &self.content_type) {
            return Err(wrong_type());
        }
        Ok(())
    }
}

/// Whether `data` decodes whole as an image of `content_type`, within bounds that a photo of
/// 5 MB never reaches (a small file may declare a huge image).
#[cfg(feature = "ssr")]
fn decodes(data: &[u8], content_type: &str) -> bool {
    use image::{ImageFormat, ImageReader, Limits};
    let Some(format) = ImageFormat::from_mime_type(content_type) else {
        return false;
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    let mut reader = ImageReader::with_format(std::io::Cursor::new(data), format);
    reader.limits(limits);
    reader.decode().is_ok()
}

/// The image type the bytes start with, if one of those a news summary takes.
pub fn image_type(data: &[u8]) -> Option<&'static str> {
    IMAGE_SIGNATURES
        .iter()
        .find(|(kind, signature)| {
            data.starts_with(signature)
                && (*kind != "image/webp" || data.get(8..12) == Some(b"WEBP"))
        })
        .map(|(kind, _)| *kind)
}

/// The report form, as typed (`form[…]` fields); fields the form leaves out are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub agenda_item_id: String,
    pub committee_id: String,
    pub presenting_member_id: String,
    pub outcomes: String,
    pub next_meeting_place: String,
    pub next_meeting_date: String,
}

impl ReportForm {
    pub fn parse(&self) -> Result<NewReport> {
        let report = NewReport {
            agenda_item_id: parse_optional_number("agenda_item_id", &self.agenda_item_id)?,
            committee_id: parse_number("committee_id", &self.committee_id)?,
            presenting_member_id: parse_number("presenting_member_id", &self.presenting_member_id)?,
            outcomes: optional_text(&self.outcomes),
            next_meeting_place: optional_text(&self.next_meeting_place),
            next_meeting_date: match self.next_meeting_date.trim() {
                "" => None,
                d => Some(parse_date("next_meeting_date", d)?),
            },
        };
        report.validate()?;
        Ok(report)
    }
}

/// The presentation form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresentationForm {
    pub agenda_item_id: String,
    pub member_id: String,
    pub topic: String,
}

impl PresentationForm {
    pub fn parse(&self) -> Result<NewPresentation> {
        let presentation = NewPresentation {
            agenda_item_id: parse_optional_number("agenda_item_id", &self.agenda_item_id)?,
            member_id: parse_number("member_id", &self.member_id)?,
            topic: optional_text(&self.topic),
        };
        presentation.validate()?;
        Ok(presentation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(content_type: &str, data: Vec<u8>) -> NewAttachment {
        NewAttachment {
            file_name: "hall.jpg".into(),
            content_type: content_type.into(),
            caption: None,
            data,
        }
    }

    /// A small picture, encoded as `format`.
    fn encoded(format: image::ImageFormat) -> Vec<u8> {
        let picture =
            image::RgbImage::from_fn(4, 3, |x, y| image::Rgb([x as u8 * 60, y as u8 * 80, 90]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        picture.write_to(&mut bytes, format).unwrap();
        bytes.into_inner()
    }

    #[test]
    fn a_photo_is_taken_when_its_bytes_are_the_declared_image() {
        let jpeg = encoded(image::ImageFormat::Jpeg);
        assert!(photo("image/jpeg", jpeg.clone()).validate().is_ok());
        assert!(photo("image/png", encoded(image::ImageFormat::Png))
            .validate()
            .is_ok());
        assert!(photo("image/webp", encoded(image::ImageFormat::WebP))
            .validate()
            .is_ok());
        let mut webp_header = b"RIFF\0\0\0\0WEBPVP8 ".to_vec();
        webp_header.extend([0; 20]);
        let png_signature = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        // A JPEG declared as PNG, a PDF declared as JPEG, a RIFF that is not WebP, and files
        // that only begin like images: a web page after a PNG signature, a JPEG's first bytes,
        // a WebP header without a picture.
        for (kind, data) in [
            ("image/png", jpeg.clone()),
            ("image/jpeg", b"%PDF-1.7 ...".to_vec()),
            ("image/webp", b"RIFF\0\0\0\0WAVEfmt ".to_vec()),
            (
                "image/png",
                [
                    &png_signature[..],
                    b"<html><script>alert(1)</script></html>",
                ]
                .concat(),
            ),
            ("image/jpeg", jpeg[..jpeg.len() / 2].to_vec()),
            ("image/webp", webp_header),
        ] {
            let err = photo(kind, data).validate().unwrap_err();
            assert_eq!(err.field(), Some("file"));
            assert!(matches!(
                err.problem(),
                Some(Problem::AttachmentType { .. })
            ));
        }
    }

    #[test]
    fn a_photo_over_five_megabytes_is_refused() {
        let mut big = vec![0xFF, 0xD8, 0xFF];
        big.resize(MAX_ATTACHMENT_BYTES + 1, 0);
        let err = photo("image/jpeg", big).validate().unwrap_err();
        assert!(matches!(
            err.problem(),
            Some(Problem::AttachmentTooLarge { max_mb: 5 })
        ));
        assert!(photo("image/jpeg", vec![]).validate().is_err());
    }

    #[test]
    fn language_tags_are_checked() {
        assert_eq!(language_tag("language", " ko ").unwrap(), "ko");
        assert!(language_tag("language", "zh-Hant").is_ok());
        for bad in ["", "en us", "english-language-x", "ko-"] {
            assert!(language_tag("language", bad).is_err(), "{bad}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_declaration_text_is_in_a_language_cldr_names() {
        let declaration = |language: &str| DeclarationInput {
            title: "Declaration".into(),
            texts: vec![crate::record::DeclarationText {
                language: language.into(),
                body: "Text".into(),
            }],
            ..DeclarationInput::default()
        };
        assert!(declaration("de").validate().is_ok());
        assert!(declaration("sr-Latn").validate().is_ok());
        let e = declaration("qq").validate().unwrap_err();
        assert_eq!(e.field(), Some("language"));
    }

    fn report(
        agenda_item_id: &str,
        committee_id: &str,
        presenting_member_id: &str,
        outcomes: &str,
        next_meeting_place: &str,
        next_meeting_date: &str,
    ) -> ReportForm {
        ReportForm {
            agenda_item_id: agenda_item_id.into(),
            committee_id: committee_id.into(),
            presenting_member_id: presenting_member_id.into(),
            outcomes: outcomes.into(),
            next_meeting_place: next_meeting_place.into(),
            next_meeting_date: next_meeting_date.into(),
        }
    }

    #[test]
    fn a_report_form_names_its_bad_field() {
        let err = report("", "3", "4", "", "", "2022-02-30")
            .parse()
            .unwrap_err();
        assert_eq!(err.field(), Some("next_meeting_date"));
        let r = report("7", "3", "4", " Held in Pohang ", "Niigata", "")
            .parse()
            .unwrap();
        assert_eq!(r.outcomes.as_deref(), Some("Held in Pohang"));
        assert_eq!(r.next_meeting_date, None);
    }

    #[test]
    fn a_report_form_needs_its_committee_and_presenter() {
        for (field, form) in [
            ("agenda_item_id", report("x", "3", "4", "", "", "")),
            ("committee_id", report("", "", "4", "", "", "")),
            ("presenting_member_id", report("", "3", "four", "", "", "")),
        ] {
            assert_eq!(form.parse().unwrap_err().field(), Some(field));
        }
        let r = report("", "3", "4", "", "", "2022-05-20").parse().unwrap();
        assert_eq!(r.next_meeting_date, NaiveDate::from_ymd_opt(2022, 5, 20));
    }

    #[test]
    fn a_presentation_form_becomes_a_presentation() {
        let form = PresentationForm {
            agenda_item_id: "".into(),
            member_id: " 5 ".into(),
            topic: " Smart cities ".into(),
        };
        let p = form.parse().unwrap();
        assert_eq!(
            (p.agenda_item_id, p.member_id, p.topic.as_deref()),
            (None, 5, Some("Smart cities"))
        );
        let bad = PresentationForm {
            member_id: "".into(),
            ..form.clone()
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("member_id"));
        let bad = PresentationForm {
            agenda_item_id: "seven".into(),
            ..form
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("agenda_item_id"));
    }
}
