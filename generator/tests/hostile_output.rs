//! The writer against a hostile or busy output directory: symlinks inside the tree, hand-written
//! files that mention the generated-file marker, and several runs writing one directory at once.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use specgen::Target;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `<root>/spec` holding a copy of the repository's `spec/drs`.
fn drs_spec(root: &Path) -> PathBuf {
    let spec = root.join("spec");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/drs"),
        &spec.join("drs"),
    );
    spec
}

/// A second version of the spec at `<root>/spec`: the DRS description edited (every file that
/// shows it changes) and the CTS service added (a whole crate more).
fn second_version(root: &Path) -> PathBuf {
    let spec = drs_spec(root);
    let service = spec.join("drs/service.yaml");
    let text = fs::read_to_string(&service).unwrap();
    let edited = text.replace(
        "migrates, synchronizes and replicates",
        "moves, syncs and copies",
    );
    assert_ne!(text, edited);
    fs::write(&service, edited).unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/cts"),
        &spec.join("cts"),
    );
    spec
}

/// Every file under `dir` (not following symlinks) with its contents, keyed by relative path;
/// a symlink is recorded as `-> target`. The writer's own bookkeeping files are left out.
fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = fs::read_link(&path).unwrap();
                out.insert(relative, format!("-> {}", target.display()));
            } else if kind.is_dir() {
                walk(root, &path, out);
            } else if relative != Path::new(".specgen-state")
                && relative != Path::new(".specgen.lock")
            {
                out.insert(relative, fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn io_error(result: Result<specgen::Generated, specgen::Error>) -> String {
    match result {
        Err(specgen::Error::Io(error)) => error.to_string(),
        Err(other) => panic!("expected an I/O refusal, got {other}"),
        Ok(_) => panic!("the run was not refused"),
    }
}

#[cfg(unix)]
mod symlinks {
    use super::*;
    use std::os::unix::fs::symlink;

    const REFUSAL: &str = "is a symlink; specgen never writes through symlinks";

    #[test]
    fn a_symlinked_directory_inside_the_tree_is_never_written_through() {
        let temp = tempfile::tempdir().unwrap();
        let spec = drs_spec(temp.path());
        let outside = temp.path().join("outside");
        fs::create_dir_all(outside.join("src")).unwrap();
        fs::write(outside.join("src/lib.rs"), "precious").unwrap();
        let out = temp.path().join("generated");
        fs::create_dir_all(&out).unwrap();
        symlink(&outside, out.join("drs")).unwrap();
        let before = tree(&out);

        let target = Target::new(&spec, &out);
        let error = io_error(specgen::generate(&target));
        assert!(error.contains(REFUSAL), "{error}");
        assert!(
            error.contains(&out.join("drs").display().to_string()),
            "the error names the symlink: {error}"
        );
        assert_eq!(
            tree(&outside),
            BTreeMap::from([("src/lib.rs".into(), "precious".into())])
        );
        assert_eq!(
            tree(&out),
            before,
            "a refused run writes nothing, not even `core`"
        );

        // `check` reads what `generate` would write: it does not follow the link either.
        let error = io_error(specgen::check(&target));
        assert!(error.contains(REFUSAL), "{error}");
    }

    #[test]
    fn a_symlinked_file_the_writer_would_replace_is_refused_before_anything_is_written() {
        let temp = tempfile::tempdir().unwrap();
        let spec = drs_spec(temp.path());
        let out = temp.path().join("generated");
        specgen::generate(&Target::new(&spec, &out)).unwrap();

        let precious = temp.path().join("precious.toml");
        fs::write(&precious, "precious").unwrap();
        fs::remove_file(out.join("drs/Cargo.toml")).unwrap();
        symlink(&precious, out.join("drs/Cargo.toml")).unwrap();
        let before = tree(&out);

        // The second version changes many files; none of them may be written.
        let second = second_version(&temp.path().join("v2"));
        let error = io_error(specgen::generate(&Target::new(&second, &out)));
        assert!(error.contains(REFUSAL), "{error}");
        assert!(error.contains("Cargo.toml"), "{error}");
        assert_eq!(fs::read_to_string(&precious).unwrap(), "precious");
        assert_eq!(tree(&out), before);
    }

    #[test]
    fn the_bookkeeping_files_are_never_written_through_a_symlink() {
        for name in [".specgen-state", ".specgen.lock"] {
            let temp = tempfile::tempdir().unwrap();
            let spec = drs_spec(temp.path());
            let out = temp.path().join("generated");
            fs::create_dir_all(&out).unwrap();
            let precious = temp.path().join("precious");
            fs::write(&precious, "precious").unwrap();
            symlink(&precious, out.join(name)).unwrap();

            let error = io_error(specgen::generate(&Target::new(&spec, &out)));
            assert!(error.contains(REFUSAL), "{name}: {error}");
            assert!(error.contains(name), "{name}: {error}");
            assert_eq!(fs::read_to_string(&precious).unwrap(), "precious");
            assert_eq!(tree(&out).len(), 1, "{name}: only the symlink is there");
        }
    }

    /// Guards (these held before the symlink checks too): the stale-file cleanup never walks
    /// into a symlinked directory nor removes a symlink, whatever the link points at.
    #[test]
    fn the_cleanup_never_follows_a_symlink() {
        let temp = tempfile::tempdir().unwrap();
        let spec = drs_spec(temp.path());
        let out = temp.path().join("generated");
        specgen::generate(&Target::new(&spec, &out)).unwrap();

        // Outside files that look generated: the cleanup would remove them if it got there.
        let outside = temp.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        let stale = fs::read_to_string(out.join("drs/src/lib.rs")).unwrap();
        fs::write(outside.join("stale.rs"), &stale).unwrap();
        symlink(&outside, out.join("drs/src/linked")).unwrap();
        symlink(outside.join("stale.rs"), out.join("drs/src/stale.rs")).unwrap();
        let before = tree(&out);

        let generated = specgen::generate(&Target::new(&spec, &out)).unwrap();
        assert!(generated.changes.is_empty(), "{:?}", generated.changes);
        assert_eq!(tree(&out), before);
        assert_eq!(fs::read_to_string(outside.join("stale.rs")).unwrap(), stale);
    }

    #[test]
    fn a_symlink_in_any_target_stops_the_run_before_any_target_is_written() {
        let temp = tempfile::tempdir().unwrap();
        drs_spec(temp.path());
        fs::write(
            temp.path().join("specgen.toml"),
            "[[target]]\nspec = \"spec\"\nout = \"first\"\n\n[[target]]\nspec = \"spec\"\nout = \"second\"\n",
        )
        .unwrap();
        fs::create_dir_all(temp.path().join("second")).unwrap();
        fs::create_dir_all(temp.path().join("outside")).unwrap();
        symlink(temp.path().join("outside"), temp.path().join("second/core")).unwrap();

        let run = Command::new(env!("CARGO_BIN_EXE_specgen"))
            .arg("generate")
            .current_dir(temp.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(REFUSAL), "{stderr}");
        assert!(!temp.path().join("first").exists(), "{stderr}");
        assert_eq!(
            fs::read_dir(temp.path().join("outside")).unwrap().count(),
            0
        );
    }

    #[test]
    fn a_symlinked_output_root_is_followed() {
        let temp = tempfile::tempdir().unwrap();
        let spec = drs_spec(temp.path());
        let real = temp.path().join("real");
        fs::create_dir_all(&real).unwrap();
        let out = temp.path().join("generated");
        symlink(&real, &out).unwrap();
        specgen::generate(&Target::new(&spec, &out)).unwrap();
        assert!(real.join("drs/src/lib.rs").is_file());
        assert!(
            specgen::check(&Target::new(&spec, &out))
                .unwrap()
                .changes
                .is_empty()
        );
    }
}

#[test]
fn only_files_whose_first_line_is_the_whole_header_are_removed() {
    let temp = tempfile::tempdir().unwrap();
    let spec = drs_spec(temp.path());
    let out = temp.path().join("generated");
    let target = Target::new(&spec, &out);
    specgen::generate(&target).unwrap();

    let header = fs::read_to_string(out.join("drs/src/lib.rs"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let hand_written = [
        (
            "mentions.rs",
            "// This file is not Generated by specgen from anything.\nfn a() {}\n".to_owned(),
        ),
        ("quoted.rs", format!("// Keep: {header}\nfn b() {{}}\n")),
        (
            "longer.rs",
            format!("{header} Edited anyway.\nfn c() {{}}\n"),
        ),
        ("doc.rs", format!("/{header}\nfn d() {{}}\n")),
        ("second_line.rs", format!("// mine\n{header}\n")),
    ];
    for (name, text) in &hand_written {
        fs::write(out.join("drs/src").join(name), text).unwrap();
    }
    // A file that does start with a whole header and is no longer produced: removed.
    fs::write(
        out.join("drs/src/stale.rs"),
        format!("{header}\nfn e() {{}}\n"),
    )
    .unwrap();

    let generated = specgen::generate(&target).unwrap();
    let removed: Vec<_> = generated.changes.iter().map(|c| c.path.clone()).collect();
    assert_eq!(removed, [PathBuf::from("drs/src/stale.rs")]);
    for (name, text) in &hand_written {
        let path = out.join("drs/src").join(name);
        assert_eq!(
            fs::read_to_string(&path).ok().as_ref(),
            Some(text),
            "{name}"
        );
    }
}

/// Two spec versions generated into one directory from several threads at once, many times:
/// every run succeeds and each time the tree is exactly one of the two complete outputs.
#[test]
fn concurrent_runs_into_one_directory_leave_one_complete_output() {
    let temp = tempfile::tempdir().unwrap();
    let first = drs_spec(&temp.path().join("v1"));
    let second = second_version(&temp.path().join("v2"));
    let expected: Vec<_> = [&first, &second]
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let out = temp.path().join(format!("expected{i}"));
            specgen::generate(&Target::new(spec, &out)).unwrap();
            tree(&out)
        })
        .collect();
    assert_ne!(expected[0], expected[1]);

    let out = temp.path().join("generated");
    for round in 0..20 {
        let results: Vec<_> = std::thread::scope(|scope| {
            let runs: Vec<_> = [&first, &second, &first, &second]
                .into_iter()
                .map(|spec| {
                    let target = Target::new(spec, &out);
                    scope.spawn(move || specgen::generate(&target).map(|_| ()))
                })
                .collect();
            runs.into_iter().map(|run| run.join().unwrap()).collect()
        });
        for result in results {
            if let Err(error) = result {
                panic!("round {round}: a run failed: {error}");
            }
        }
        let found = tree(&out);
        assert!(
            found == expected[0] || found == expected[1],
            "round {round}: the tree is neither output ({} files; {} and {} expected)",
            found.len(),
            expected[0].len(),
            expected[1].len()
        );
    }
}

/// A run that finds the output locked says so on stderr, waits, then finishes; `check` waits for
/// a writer too, so it never compares a half-written tree.
#[test]
fn a_second_run_says_it_waits_for_the_lock() {
    let temp = tempfile::tempdir().unwrap();
    let spec = drs_spec(temp.path());
    let out = temp.path().join("generated");
    fs::create_dir_all(&out).unwrap();
    let lock = fs::File::create(out.join(".specgen.lock")).unwrap();
    lock.lock().unwrap();

    let run = |command: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_specgen"))
            .args([command, "--spec"])
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Reading blocks until the line is printed (or the run ends without it); the spec's
        // warnings may come first.
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let line = stderr
            .lines()
            .map(Result::unwrap)
            .find(|line| line.contains("waiting"))
            .unwrap_or_default();
        (child, line)
    };

    let (generate, line) = run("generate");
    assert!(line.contains("waiting"), "{line:?}");
    assert!(line.contains(".specgen.lock"), "{line:?}");
    lock.unlock().unwrap();
    let output = generate.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(out.join("drs/src/lib.rs").is_file());
    assert!(out.join(".specgen.lock").is_file(), "the lock file stays");

    lock.lock().unwrap();
    let (check, line) = run("check");
    assert!(line.contains("waiting"), "{line:?}");
    lock.unlock().unwrap();
    let output = check.wait_with_output().unwrap();
    assert!(output.status.success(), "the lock file is not a difference");
}
