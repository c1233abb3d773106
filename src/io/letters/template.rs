//! Plain-text templates with named fields: `{placing_authority}` is
//! replaced by its value, `{{` and `}}` are a literal brace. A field the
//! template names that the letter does not have is an error naming it and
//! its line, found before anything is drafted; values are put in once, so a
//! value that itself reads `{date}` stays as typed.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(&'static str),
}

/// A template checked against the fields a letter has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("{file} line {line}: `{{{name}}}` is not a field of this letter; the fields are: {known}")]
    UnknownField { file: String, line: usize, name: String, known: String },
    #[error("{file} line {line}: a `{{` with no `}}` after it; write `{{{{` for a brace")]
    Unclosed { file: String, line: usize },
    #[error("{file} line {line}: a `}}` with no `{{` before it; write `}}}}` for a brace")]
    Unopened { file: String, line: usize },
}

impl Template {
    /// Reads `text` (from `source`, named in errors), whose fields must be among `known`.
    pub fn parse(text: &str, source: &str, known: &[&'static str]) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut plain = String::new();
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let line_no = i + 1;
            let mut rest = line;
            while let Some(at) = rest.find(['{', '}']) {
                plain.push_str(&rest[..at]);
                let tail = &rest[at..];
                if let Some(after) = tail.strip_prefix("{{") {
                    plain.push('{');
                    rest = after;
                } else if let Some(after) = tail.strip_prefix("}}") {
                    plain.push('}');
                    rest = after;
                } else if tail.starts_with('}') {
                    return Err(TemplateError::Unopened { file: source.to_string(), line: line_no });
                } else {
                    let Some(end) = tail.find('}') else {
                        return Err(TemplateError::Unclosed { file: source.to_string(), line: line_no });
                    };
                    let name = tail[1..end].trim();
                    let Some(field) = known.iter().find(|k| **k == name) else {
                        return Err(TemplateError::UnknownField {
                            file: source.to_string(),
                            line: line_no,
                            name: name.to_string(),
                            known: known.join(", "),
                        });
                    };
                    if !plain.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut plain)));
                    }
                    parts.push(Part::Field(field));
                    rest = &tail[end + 1..];
                }
            }
            plain.push_str(rest);
        }
        if !plain.is_empty() {
            parts.push(Part::Text(plain));
        }
        Ok(Template { parts })
    }

    /// The template with each field replaced by its value (a field with no
    /// value given is empty).
    pub fn fill(&self, values: &HashMap<&'static str, String>) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.as_str(),
                Part::Field(f) => values.get(f).map_or("", String::as_str),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["name", "date"];

    fn filled(text: &str) -> Result<String, TemplateError> {
        let values = HashMap::from([("name", "Ann {date}".to_string()), ("date", "1 June".to_string())]);
        Template::parse(text, "t.txt", KNOWN).map(|t| t.fill(&values))
    }

    #[test]
    fn fields_are_filled_once_and_braces_can_be_written() {
        assert_eq!(filled("Dear {name},\non { date }: {{x}}\n").expect("fills"), "Dear Ann {date},\non 1 June: {x}\n");
        assert_eq!(filled("no fields").expect("fills"), "no fields");
    }

    #[test]
    fn an_unknown_field_is_named_with_its_line() {
        let err = filled("Dear {name},\n\nYours, {sender}\n").expect_err("unknown");
        assert_eq!(
            err,
            TemplateError::UnknownField {
                file: "t.txt".into(),
                line: 3,
                name: "sender".into(),
                known: "name, date".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "t.txt line 3: `{sender}` is not a field of this letter; the fields are: name, date"
        );
    }

    #[test]
    fn a_stray_brace_is_named_with_its_line() {
        assert_eq!(filled("a\n{name").expect_err("open"), TemplateError::Unclosed { file: "t.txt".into(), line: 2 });
        assert_eq!(filled("a } b").expect_err("close"), TemplateError::Unopened { file: "t.txt".into(), line: 1 });
    }
}
