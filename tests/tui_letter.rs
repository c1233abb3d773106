//! `L` on a Chase row (issue 10.8): the letter to the placing authority of
//! a child placed here whose interview is overdue, written to a file in the
//! letters folder, the status line saying where; any other row says why not.

mod common;
use common::AT;
use common::entry::*;
use ri_chase::tui::action::Action;

/// Thu 2 Apr 2026 12:00: T009's interview (Southby's; due Wed 1 Apr 08:00) is overdue.
const LATER: &str = "2026-04-02 12:00";

#[test]
fn l_on_an_overdue_placed_in_row_writes_that_childs_letter_and_says_where() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("t.sqlite");
    let mut s = open_session_on(&path, Some(("episodes.csv", AT)), LATER);
    let letters = dir.path().join("data/letters");
    s.letters_dir = Some(letters.clone());
    select_episode(&mut s, 0, "E10");
    let before = screen(&s, 120, 40);
    assert!(
        before.contains("Placed here by Southby: their interview; overdue: L drafts our letter to them"),
        "{before}"
    );
    act(&mut s, &[Action::DraftLetter]);
    let file = letters.join("letter-southby-e10.txt");
    let said = format!("Letter to Southby written: letter-southby-e10.txt in {}", letters.display());
    assert_eq!(s.app.status.as_deref(), Some(said.as_str()));
    let text = std::fs::read_to_string(&file).expect("the letter");
    assert!(text.contains("To: Southby Children's Services"), "{text}");
    assert!(text.contains("- Indigo Invented (our reference T009), born 03/03/2010"), "{text}");
    assert!(text.contains("it is 1d 4h overdue"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&letters).expect("dir").permissions().mode() & 0o777, 0o700);
        assert_eq!(std::fs::metadata(&file).expect("file").permissions().mode() & 0o777, 0o600);
    }
    // It is on the screen too.
    assert!(
        screen(&s, 120, 40).contains("Letter to Southby written: letter-southby-e10.txt in"),
        "{}",
        screen(&s, 120, 40)
    );
}

#[test]
fn l_on_our_own_row_or_one_not_yet_overdue_writes_nothing_and_says_why() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("t.sqlite");
    let mut s = open_session_on(&path, Some(("episodes.csv", AT)), AT);
    let letters = dir.path().join("letters");
    s.letters_dir = Some(letters.clone());
    select_episode(&mut s, 0, "E10");
    act(&mut s, &[Action::DraftLetter]);
    assert_eq!(s.app.status.as_deref(), Some("Indigo Invented's interview is not overdue yet: no letter"));
    select_episode(&mut s, 0, "E02");
    act(&mut s, &[Action::DraftLetter]);
    assert_eq!(s.app.status.as_deref(), Some("Billie Sample's interview is ours: letters go to placing authorities"));
    act(&mut s, &[Action::GoTab(2)]);
    act(&mut s, &[Action::DraftLetter]);
    assert_eq!(s.app.status.as_deref(), Some("L drafts a letter from a row of the Chase tab"));
    assert!(!letters.exists());
}
