//! Safe file names for letters, made from an authority's name (and a
//! child's episode): whatever the name holds (`../x`, slashes, control
//! characters, a bidi override, a Windows device name), the file name is
//! letters, digits and `-` only, inside the folder it is written to.

const MOST: usize = 60;

/// `Southby` → `southby`; `../x` → `x`; nothing usable → `authority`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    // Hidden characters are dropped, as a document drops them: `West<RLO>shire` is `westshire`.
    for c in name.chars().filter(|c| !crate::domain::visible::is_hidden(*c)).flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= MOST {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "authority".to_string() } else { out }
}

/// The file names for letters to `authorities`, in order: `letter-southby.txt`,
/// with `-2`, `-3` added where two names come out the same.
pub fn letter_file_names<'a>(authorities: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for name in authorities {
        let base = format!("letter-{}", slug(name));
        let mut candidate = format!("{base}.txt");
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}-{n}.txt");
            n += 1;
        }
        taken.push(candidate);
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_make_plain_names_inside_the_folder() {
        assert_eq!(slug("Southby"), "southby");
        assert_eq!(slug("../x"), "x");
        assert_eq!(slug("a/b\\c"), "a-b-c");
        assert_eq!(slug("Evil\u{1B}]0;pwned\u{07}"), "evil-0-pwned");
        assert_eq!(slug("Rev\u{202E}olleh"), "revolleh");
        assert_eq!(slug("Ynys Môn"), "ynys-môn");
        assert_eq!(slug("..."), "authority");
        assert_eq!(slug(""), "authority");
        assert_eq!(slug(&"x".repeat(500)).len(), MOST);
    }

    #[test]
    fn names_that_come_out_the_same_get_numbers() {
        assert_eq!(
            letter_file_names(["Southby", "South/by", "southby!", "CON"]),
            ["letter-southby.txt", "letter-south-by.txt", "letter-southby-2.txt", "letter-con.txt"]
        );
    }
}
