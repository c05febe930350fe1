//! `cargo xtask build` and `cargo xtask dist`: the release bundle and its size budget.

use crate::util::{exec, step};
use anyhow::{bail, Context};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The bundle budget (DESIGN.md §5): wasm + js after gzip within 300 KB with every feature in. `cargo xtask dist` and
/// `cargo xtask test` fail above it.
pub const GZIP_BUDGET_BYTES: u64 = 300 * 1000;

/// What the app fetches on demand (lesson files, the Korean catalogue) counts apart from the bundle: issue 11's
/// budget for all lesson texts is 60 KB gzip.
pub const LESSONS_GZIP_BUDGET_BYTES: u64 = 60 * 1000;

/// Builds dist/; with `packed`, the wasm ships LZMA-packed and the build as it was before packing is kept in
/// [`crate::pack::UNPACKED_DIST`].
pub fn build_release(packed: bool) -> anyhow::Result<()> {
    step("trunk build --release (size-tuned wasm, relative URLs for any subpath)");
    exec(Command::new("trunk").args(["build", "--release", "--offline"]))?;
    // Trunk's JS minifier cannot parse wasm-bindgen's glue; terser (package.json) can, and the script keeps the
    // page's integrity hashes in step. It first gives the wasm's imports and glue exports short names in both
    // files (tools/short-imports.mjs): wasm-bindgen's hashed names cost ~4.8 KB gzip.
    step("shorten wasm <-> JS names, minify the JS glue (terser), update integrity hashes");
    if !Path::new("node_modules/terser").exists() {
        bail!("node_modules/terser is missing: run `cargo xtask setup` (npm ci)");
    }
    exec(Command::new("node").args(["tools/minify-glue.mjs", "dist"]))?;
    if packed {
        // An experiment, not the shipped build: LZMA packs the wasm about a fifth smaller than the gzip static
        // hosting applies, but the page must unpack it before compiling (docs/benchmarks/web.md, "Packed wasm").
        step("pack the wasm with LZMA, check the page's decoder gives it back, point the loader at it");
        crate::pack::pack_dist(Path::new("dist"))?;
        exec(Command::new("node").args(["tools/pack-wasm.mjs", "dist"]))?;
    }
    // Static hosting sends no headers: the policy is a <meta> in the page, and Trunk's inline loader moves to a
    // file so the policy can refuse every inline script (docs/reliability.md).
    step("Content-Security-Policy: move the inline loader to a file, write the policy into index.html");
    exec(Command::new("node").args(["tools/csp.mjs", "dist"]))?;
    if packed {
        exec(Command::new("node").args(["tools/csp.mjs", crate::pack::UNPACKED_DIST]))?;
    }
    Ok(())
}

pub fn run(packed: bool) -> anyhow::Result<()> {
    build_release(packed)?;
    check_budget()
}

/// One bundle file and its sizes.
pub struct FileSize {
    pub path: PathBuf,
    pub raw: u64,
    pub gzip: u64,
}

fn gzip_len(path: &Path) -> anyhow::Result<u64> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("starting gzip")?;
    let mut stdin = child.stdin.take().context("gzip stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().context("running gzip")?;
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("gzip writer thread panicked"))??;
    Ok(out.stdout.len() as u64)
}

/// Sizes of every `.wasm`, `.lzma` (the packed wasm) and `.js` file in dist/.
pub fn bundle_sizes() -> anyhow::Result<Vec<FileSize>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir("dist").context("dist/ is missing: run `cargo xtask build`")? {
        let path = entry?.path();
        let is_bundle = path
            .extension()
            .is_some_and(|e| e == "wasm" || e == "lzma" || e == "js");
        if is_bundle {
            let raw = std::fs::metadata(&path)?.len();
            let gzip = gzip_len(&path)?;
            files.push(FileSize { path, raw, gzip });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Prints every bundle file's sizes and fails when the gzip total of wasm + js exceeds the budget. A packed build
/// (`--packed`) is held to the same budget, counted on its wasm before packing: the budget is gzip's, and the
/// packed download is printed beside it, not counted.
pub fn check_budget() -> anyhow::Result<()> {
    step("bundle size (wasm + js, gzip -9)");
    let files = bundle_sizes()?;
    let has = |ext: &str| {
        files
            .iter()
            .any(|f| f.path.extension().is_some_and(|e| e == ext))
    };
    let packed = has("lzma");
    if !packed && !has("wasm") {
        bail!("dist/ holds no .wasm file: the build did not produce the app");
    }
    let (mut raw, mut gzip, mut download) = (0, 0, 0);
    for f in &files {
        println!(
            "{:>10} B raw {:>10} B gzip  {}",
            f.raw,
            f.gzip,
            f.path.display()
        );
        download += f.gzip;
        if f.path.extension().is_some_and(|e| e != "lzma") {
            raw += f.raw;
            gzip += f.gzip;
        }
    }
    if packed {
        let wasm = crate::pack::release_wasm(Path::new(crate::pack::UNPACKED_DIST))
            .context("a packed dist/ is counted on its wasm before packing, kept by the build")?;
        let (wasm_raw, wasm_gzip) = (std::fs::metadata(&wasm)?.len(), gzip_len(&wasm)?);
        println!(
            "{wasm_raw:>10} B raw {wasm_gzip:>10} B gzip  {} (the wasm before packing)",
            wasm.display()
        );
        println!("{download:>10} B download as packed (not what the budget counts)");
        raw += wasm_raw;
        gzip += wasm_gzip;
    }
    println!("{raw:>10} B raw {gzip:>10} B gzip  total (budget {GZIP_BUDGET_BYTES} B gzip)");
    if gzip > GZIP_BUDGET_BYTES {
        bail!(
            "bundle is {gzip} B gzip, {} B over the {GZIP_BUDGET_BYTES} B budget",
            gzip - GZIP_BUDGET_BYTES
        );
    }
    // A first visit downloads what dist/ holds, packed or not.
    check_on_demand(if packed { download } else { gzip })
}

/// Sizes of the files fetched at run time: the two catalogues (one is fetched before the first render, so a first
/// visit downloads wasm + js + one of them: printed) and every lesson file (budget).
fn check_on_demand(bundle_gzip: u64) -> anyhow::Result<()> {
    step("files fetched at run time (gzip -9 each)");
    for lang in ["en", "ko"] {
        let catalogue = PathBuf::from(format!("dist/i18n/{lang}.txt"));
        if !catalogue.exists() {
            bail!(
                "{} is missing: index.html must copy the catalogues",
                catalogue.display()
            );
        }
        let gzip = gzip_len(&catalogue)?;
        println!(
            "{gzip:>10} B gzip  {} (a first visit in this language: {} B gzip with wasm + js)",
            catalogue.display(),
            bundle_gzip + gzip
        );
    }
    let mut lessons = Vec::new();
    for entry in std::fs::read_dir("dist/lessons")
        .context("dist/lessons/ is missing: index.html must copy lessons/")?
    {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            lessons.push(path);
        }
    }
    lessons.sort();
    let mut total = 0;
    for path in &lessons {
        let gzip = gzip_len(path)?;
        println!("{gzip:>10} B gzip  {}", path.display());
        total += gzip;
    }
    println!("{total:>10} B gzip  lessons in all (budget {LESSONS_GZIP_BUDGET_BYTES} B gzip)");
    if lessons.is_empty() {
        bail!("dist/lessons/ holds no lesson");
    }
    if total > LESSONS_GZIP_BUDGET_BYTES {
        bail!("lesson files are {total} B gzip, over the {LESSONS_GZIP_BUDGET_BYTES} B budget");
    }
    Ok(())
}
