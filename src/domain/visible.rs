//! Text from the data as a person may see it. A name is typed by anyone who
//! can write an import file, so it may hold terminal controls (`ESC ] 0;`
//! retitles the window, `ESC [ 2J` clears it), a newline that cuts a table
//! row in two, or a bidirectional override that shows text backwards. Every
//! text a person sees on a terminal goes through [`visible`]; documents
//! (Markdown, HTML) go through [`printable`] before their own escaping.

use std::borrow::Cow;

/// Bidirectional controls: embeddings and overrides (U+202A..U+202E),
/// isolates (U+2066..U+2069) and the marks (U+200E, U+200F, U+061C); and the
/// line and paragraph separators, which some terminals and viewers break on.
fn is_bidi_or_separator(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A character a terminal would act on, or use to reorder or break the
/// text, rather than show: C0 controls, DEL, C1 controls and the bidi ones.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_bidi_or_separator(c)
}

/// `text` with every hidden character turned into a visible escape: `\n`,
/// `\r`, `\t`, `\0`, `\e` (escape), `\x7F`, and `\u{9B}` / `\u{202E}` for
/// C1 and bidi controls. A name with a newline reads `Ann\nLee` on one line.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{1B}' => out.push_str("\\e"),
            c if (c as u32) < 0x80 && is_hidden(c) => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` for a document (Markdown, HTML): hidden characters are dropped,
/// except that line breaks and tabs become a space, so words on either side
/// stay apart. The document's own escaping comes after.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let kept = text.chars().filter_map(|c| match c {
        '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
        c if is_hidden(c) => None,
        c => Some(c),
    });
    Cow::Owned(kept.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched_and_not_copied() {
        for text in ["Ann Lee", "Zoë O'Brien-Smith", "سارة", "李小龍", "a\\nb", ""] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text}");
            assert!(matches!(printable(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn every_control_and_bidi_character_is_shown_as_an_escape() {
        assert_eq!(visible("Evil\u{1B}]0;pwned\u{07}"), "Evil\\e]0;pwned\\x07");
        assert_eq!(visible("\u{1B}[2JClear"), "\\e[2JClear");
        assert_eq!(visible("Nul\0Byte\u{7F}"), "Nul\\0Byte\\x7F");
        assert_eq!(visible("New\nLine\r\tx"), "New\\nLine\\r\\tx");
        assert_eq!(visible("C1\u{9B}31m"), "C1\\u{9B}31m");
        assert_eq!(visible("Rev\u{202E}olleh"), "Rev\\u{202E}olleh");
        assert_eq!(visible("\u{2066}a\u{2067}b\u{2068}c\u{2069}"), "\\u{2066}a\\u{2067}b\\u{2068}c\\u{2069}");
        assert_eq!(visible("a\u{2028}b"), "a\\u{2028}b");
    }

    #[test]
    fn every_char_that_is_not_hidden_survives_and_no_hidden_one_does() {
        for code in (0..0x3000u32).chain([0xFEFF, 0x1F600]) {
            let Some(c) = char::from_u32(code) else { continue };
            let text = c.to_string();
            let shown = visible(&text);
            assert!(!shown.chars().any(is_hidden), "U+{code:04X} leaks through visible");
            assert!(!printable(&text).chars().any(is_hidden), "U+{code:04X} leaks through printable");
            if !is_hidden(c) {
                assert_eq!(shown, text);
            }
        }
    }

    #[test]
    fn documents_drop_controls_and_keep_words_apart() {
        assert_eq!(printable("Evil\u{1B}]0;pwned\u{07} Name"), "Evil]0;pwned Name");
        assert_eq!(printable("New\nLine"), "New Line");
        assert_eq!(printable("Rev\u{202E}olleh\u{0}"), "Revolleh");
    }
}
