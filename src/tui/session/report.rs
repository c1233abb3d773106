//! `o` on the Reports tab: the period's report, as loaded on screen,
//! written to a file of its own in the reports folder (0700, the file
//! through the one safe writer); the status line says where. It writes the
//! board paper of `ri-chase report --format html` (one A4 page with charts).

use super::Session;
use crate::domain::visible::visible;
use crate::io::letters::file_name::slug;
use crate::io::paths;
use crate::io::report_doc::write_report_html;
use crate::io::safe_file;
use std::io::Write;

impl Session {
    /// Writes the report shown; what to tell the user.
    pub(super) fn write_report(&mut self) -> String {
        let message = match self.write_report_file() {
            Ok(message) => message,
            Err(problem) => format!("No report written: {problem}"),
        };
        // The message quotes a path: shown, never obeyed.
        visible(&message).into_owned()
    }

    fn write_report_file(&mut self) -> Result<String, String> {
        let dir = self.reports_dir.clone().ok_or("no home folder to keep reports in")?;
        let report = self.app.report_shown().ok_or("the period's figures are still loading")?;
        paths::create_private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = format!("report-{}.html", slug(&report.period));
        let file = dir.join(&name);
        safe_file::write_file(&file, |out: &mut dyn Write| write_report_html(report, out))
            .map_err(|e| e.to_string())?;
        // The file's name first: on a narrow screen the folder is what is cut off.
        Ok(format!("Report for {} written: {name} in {}", report.period, dir.display()))
    }
}
