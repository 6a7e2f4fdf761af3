//! Text for the elements whose children the renderer writes as they are: `<title>` and
//! `<textarea>`. Their content is text to the browser, but tachys (for `<textarea>`) and
//! leptos_meta (for `<title>`) copy it into the server's HTML without escaping, so a title of
//! `</title><script>…` would end the element and run. Escaped on the server only: in the browser
//! these children become text nodes (or `document.title`), which take text as it is.

/// `text` as a child of `<title>` or `<textarea>`.
pub fn raw_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        html_escape::encode_text(&text).into_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::raw_text;

    #[test]
    fn markup_stays_text_on_the_server() {
        assert_eq!(
            raw_text("x</title><svg onload=alert(1)> & more".into()),
            "x&lt;/title&gt;&lt;svg onload=alert(1)&gt; &amp; more"
        );
        assert_eq!(raw_text("plain".into()), "plain");
    }
}
