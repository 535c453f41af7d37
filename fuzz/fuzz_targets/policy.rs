//! One `.rules` file, as bytes: read as UTF-8 (as `SourceFile::read` does,
//! so a byte-order mark is dropped), parsed, and checked as a policy of that
//! single file. Any outcome but a panic, an overflow or a hang is fine.

#![no_main]

use kaohe::diagnostic::Lang;
use kaohe::render::{Diagnostics, ErrorFormat};
use kaohe::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::decode("fuzz.rules".to_string(), data.to_vec()) else {
        return;
    };
    // Diagnostics must render against their source, as the CLI renders them, in either language.
    let shown = [Lang::Zh, Lang::En].map(|lang| Diagnostics::new(false, lang, ErrorFormat::Human));
    let ast = match kaohe::syntax::parse_file(&file) {
        Ok(ast) => ast,
        Err(error) => {
            shown.iter().for_each(|d| drop(d.errors(std::slice::from_ref(&*error))));
            return;
        }
    };
    if let Err(errors) = kaohe::check::check(&[(file, ast)]) {
        let first = &errors[..errors.len().min(3)];
        shown.iter().for_each(|d| drop(d.errors(first)));
    }
});
