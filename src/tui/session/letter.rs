//! `L` on a Chase row: the letter to the placing authority about that
//! child, drafted from the same template as `ri-chase letters` and written
//! to a file of its own in the letters folder; the status line says where.

use super::Session;
use crate::domain::visible::visible;
use crate::io::letters::{self, file_name::slug};
use crate::io::paths;
use crate::io::safe_file;
use std::io::Write;

impl Session {
    /// Drafts and writes the letter about `episode_ref`; what to tell the user.
    pub(super) fn draft_letter(&mut self, episode_ref: &str) -> String {
        // The message quotes the authority's name and a path: shown, never obeyed.
        let message = match self.write_letter(episode_ref) {
            Ok(message) => message,
            Err(problem) => format!("No letter written: {problem}"),
        };
        visible(&message).into_owned()
    }

    fn write_letter(&mut self, episode_ref: &str) -> Result<String, String> {
        let dir = self.letters_dir.clone().ok_or("no home folder to keep letters in")?;
        let text = paths::letter_template().map_err(|e| e.to_string())?;
        let template = letters::template(&text.text, &text.source).map_err(|e| e.to_string())?;
        // As of the lists' "now", so the letter says what the row shows.
        let gathered =
            letters::gather(&self.store, self.app.now, &self.holidays, Some(episode_ref)).map_err(|e| e.to_string())?;
        let letter = gathered.letters.first().ok_or("the interview is no longer overdue, or is done")?;
        let draft = letters::draft(&gathered, letter, &template);
        paths::create_private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = format!("letter-{}-{}.txt", slug(&letter.placing_authority), slug(episode_ref));
        let file = dir.join(&name);
        safe_file::write_file(&file, |out: &mut dyn Write| out.write_all(draft.as_bytes()))
            .map_err(|e| e.to_string())?;
        // The file's name first: on a narrow screen the folder is what is cut off.
        Ok(format!("Letter to {} written: {name} in {}", letter.placing_authority, dir.display()))
    }
}
