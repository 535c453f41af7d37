//! A facts file, as bytes: read as UTF-8, loaded against the shipped policy
//! (read once), scored, and written as the JSON results. Any outcome but a
//! panic, an overflow or a hang is fine; a file that loads must score and
//! render.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use kaohe::diagnostic::Lang;
use kaohe::render::{Diagnostics, ErrorFormat};
use kaohe::source::SourceFile;
use kaohe::Policy;
use libfuzzer_sys::fuzz_target;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies/luoshan");
        match kaohe::app::load::load_newest(&dir) {
            Ok(policy) => policy,
            Err(errors) => panic!("the shipped policy is rejected: {errors:?}"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let policy = policy();
    let Ok(file) = SourceFile::decode("fuzz.json".to_string(), data.to_vec()) else {
        return;
    };
    let quarter = match kaohe::facts::load(&file, policy) {
        Ok(quarter) => quarter,
        Err(errors) => {
            // Diagnostics must render against their source, as the CLI renders them, in either language.
            let first = &errors[..errors.len().min(3)];
            for lang in [Lang::Zh, Lang::En] {
                drop(Diagnostics::new(false, lang, ErrorFormat::Human).errors(first));
            }
            return;
        }
    };
    let results = kaohe::eval::evaluate(policy, &quarter);
    let mut out = Vec::new();
    kaohe::render::write_json(&mut out, policy, &quarter, &results).expect("writing to a Vec cannot fail");
    assert!(std::str::from_utf8(&out).is_ok());
});
