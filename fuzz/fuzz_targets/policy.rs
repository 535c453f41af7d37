//! One `.rules` file, as bytes: read as UTF-8 (as `SourceFile::read` does,
//! so a byte-order mark is dropped), parsed, and checked as a policy of that
//! single file. Any outcome but a panic, an overflow or a hang is fine.

#![no_main]

use kaohe::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use miette::{GraphicalReportHandler, GraphicalTheme};

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::decode("fuzz.rules".to_string(), data.to_vec()) else {
        return;
    };
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut text = String::new();
    let ast = match kaohe::syntax::parse_file(&file) {
        Ok(ast) => ast,
        Err(error) => {
            let _ = handler.render_report(&mut text, &*error);
            return;
        }
    };
    if let Err(errors) = kaohe::check::check(&[(file, ast)]) {
        for error in errors.iter().take(3) {
            let _ = handler.render_report(&mut text, error);
        }
    }
});
