//! The one virtualenv every test that runs Python shares: the packages of
//! `tests/python/requirements.txt` (the OpenAPI validator, the official Huawei Cloud SDK),
//! installed once per target directory.
//!
//! Test binaries run as separate processes, possibly at once (`cargo test` runs them one after
//! another, `cargo nextest` in parallel), and their tests as threads. So the install happens
//! under an exclusive file lock (the operating system's, released however the holder exits),
//! and a marker written last, named after a hash of the requirements file, says the install is
//! complete and current. A test that needs Python and cannot get it fails with the reason; it
//! never skips.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

/// The pinned requirements, one `==` line per package (transitive ones included).
pub const REQUIREMENTS: &str = include_str!("../python/requirements.txt");

/// A virtualenv holding [`REQUIREMENTS`].
#[derive(Debug)]
pub struct Venv {
    dir: PathBuf,
}

impl Venv {
    /// The virtualenv's interpreter.
    pub fn python(&self) -> PathBuf {
        if cfg!(windows) {
            self.dir.join("Scripts").join("python.exe")
        } else {
            self.dir.join("bin").join("python")
        }
    }

    /// A command running the virtualenv's interpreter.
    pub fn command(&self) -> Command {
        Command::new(self.python())
    }
}

/// The shared virtualenv under `target_tmpdir` (an integration test's `CARGO_TARGET_TMPDIR`),
/// installed on first use. Panics with the reason when it cannot be installed.
pub fn venv(target_tmpdir: &Path) -> &'static Venv {
    static VENV: OnceLock<Result<Venv, String>> = OnceLock::new();
    match VENV.get_or_init(|| install(target_tmpdir)) {
        Ok(venv) => venv,
        Err(message) => panic!("{message}"),
    }
}

fn install(parent: &Path) -> Result<Venv, String> {
    fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    let dir = parent.join("python-venv");
    let lock_path = parent.join("python-venv.lock");
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("opening {}: {e}", lock_path.display()))?;
    // `fs4`, not std's `File::lock`, which is newer than the declared minimum Rust version.
    fs4::FileExt::lock(&lock).map_err(|e| format!("locking {}: {e}", lock_path.display()))?;
    let marker = dir.join(format!("installed-{}", requirements_hash()));
    if !marker.is_file() {
        // Absent, interrupted, or made from other requirements: start again.
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| format!("removing {}: {e}", dir.display()))?;
        }
        build(&dir).inspect_err(|_| {
            let _ = fs::remove_dir_all(&dir);
        })?;
        File::create(&marker).map_err(|e| format!("writing {}: {e}", marker.display()))?;
    }
    drop(lock);
    Ok(Venv { dir })
}

/// The first 16 hex digits of the requirements' SHA-256.
fn requirements_hash() -> String {
    Sha256::digest(REQUIREMENTS.as_bytes())[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn build(dir: &Path) -> Result<(), String> {
    let system_python = if cfg!(windows) { "python" } else { "python3" };
    run(
        Command::new(system_python).arg("-m").arg("venv").arg(dir),
        &format!(
            "creating a virtualenv with `{system_python} -m venv` (python3 with venv is needed \
             by the tests that compare with the official SDK and validate the OpenAPI export)"
        ),
    )?;
    let venv = Venv {
        dir: dir.to_owned(),
    };
    let requirements = dir.join("requirements.txt");
    fs::write(&requirements, REQUIREMENTS)
        .map_err(|e| format!("writing {}: {e}", requirements.display()))?;
    run(
        venv.command()
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "-r",
            ])
            .arg(&requirements),
        "installing tests/python/requirements.txt from PyPI",
    )?;
    // `--no-deps` installs exactly the list; `pip check` proves the list is complete.
    run(
        venv.command()
            .args(["-m", "pip", "check", "--disable-pip-version-check"]),
        "checking that tests/python/requirements.txt pins every package its packages need",
    )
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|error| format!("{what} failed: cannot run {command:?}: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// A script of `tests/python/` running in the virtualenv as a line service: one JSON request
/// per line on its stdin, one JSON answer per line on its stdout. One process serves a whole
/// test binary, so thousands of calls take seconds; calls from several threads take turns.
#[derive(Debug)]
pub struct LineService {
    script: PathBuf,
    process: Mutex<(Child, ChildStdin, BufReader<ChildStdout>)>,
}

impl LineService {
    /// Starts `tests/python/<script>` in the shared virtualenv under `target_tmpdir`.
    pub fn start(target_tmpdir: &Path, script: &str) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("python")
            .join(script);
        let mut child = venv(target_tmpdir)
            .command()
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error}", script.display()));
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        LineService {
            script,
            process: Mutex::new((child, stdin, stdout)),
        }
    }

    /// Sends `request` and reads its answer.
    pub fn call<T: DeserializeOwned>(&self, request: &impl Serialize) -> T {
        let mut line = serde_json::to_string(request).expect("requests serialize");
        line.push('\n');
        let script = self.script.display();
        let mut guard = self.process.lock().unwrap_or_else(|e| e.into_inner());
        let (_, stdin, stdout) = &mut *guard;
        stdin
            .write_all(line.as_bytes())
            .and_then(|()| stdin.flush())
            .unwrap_or_else(|error| panic!("{script} stopped reading: {error}"));
        let mut answer = String::new();
        stdout
            .read_line(&mut answer)
            .unwrap_or_else(|error| panic!("{script} stopped answering: {error}"));
        assert!(!answer.is_empty(), "{script} exited (its stderr is above)");
        serde_json::from_str(&answer)
            .unwrap_or_else(|error| panic!("unreadable answer from {script} ({error}): {answer}"))
    }
}

impl Drop for LineService {
    fn drop(&mut self) {
        let (child, _, _) = &mut *self.process.lock().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}
