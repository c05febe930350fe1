//! `cargo xtask build --packed`: packs the release wasm with LZMA. Static hosting compresses with gzip at best, and
//! LZMA packs the wasm about a fifth smaller; the page unpacks it with tools/unlzma.mjs before compiling it
//! (tools/pack-wasm.mjs wires that into the loader and checks the round trip). An experiment, not the shipped
//! build: the unpacking costs start-up time on fast links (docs/benchmarks/web.md, "Packed wasm", has the numbers).

use anyhow::{bail, Context};
use lzma_rust2::{EncodeMode, LzmaOptions, LzmaWriter, MfType};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the last release build is kept as it was before packing (with its own Content-Security-Policy step run),
/// for size reports and the start-up comparison of `e2e/bench/startup.mjs`: dist/ holds only the packed wasm.
pub const UNPACKED_DIST: &str = "target/dist-unpacked";

/// The one `*_bg.wasm` Trunk wrote into `dist`.
pub fn release_wasm(dist: &Path) -> anyhow::Result<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            found.push(path);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        n => bail!(
            "{} holds {n} .wasm files, expected the app's one",
            dist.display()
        ),
    }
}

/// The settings: the whole wasm fits the dictionary; literal context 3 bits and no position bits, since wasm code
/// has no alignment (pb 2, the default, came out 630 B larger on the app); the longest matches and the slow
/// binary-tree match finder, since the build packs once and every reader gains.
fn options(len: usize) -> LzmaOptions {
    let dict_size = u32::try_from(len.next_power_of_two().max(4096)).unwrap_or(u32::MAX);
    LzmaOptions::new(dict_size, 3, 0, 0, EncodeMode::Normal, 273, MfType::Bt4, 0)
}

/// LZMA-packs `wasm` in the `.lzma` layout (properties, dictionary size, unpacked size, stream; no end marker).
pub fn pack(wasm: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut writer =
        LzmaWriter::new_use_header(Vec::new(), &options(wasm.len()), Some(wasm.len() as u64))
            .context("setting up the LZMA encoder")?;
    writer.write_all(wasm).context("packing the wasm")?;
    writer.finish().context("finishing the LZMA stream")
}

/// Copies `from` (files and folders) to a fresh `to`.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to).with_context(|| format!("removing {}", to.display()))?;
    }
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying to {}", target.display()))?;
        }
    }
    Ok(())
}

/// Keeps `dist` as it is at [`UNPACKED_DIST`], then writes `X_bg.lzma` beside dist's `X_bg.wasm`.
pub fn pack_dist(dist: &Path) -> anyhow::Result<PathBuf> {
    copy_tree(dist, Path::new(UNPACKED_DIST))?;
    let wasm_path = release_wasm(dist)?;
    let wasm =
        std::fs::read(&wasm_path).with_context(|| format!("reading {}", wasm_path.display()))?;
    let packed = pack(&wasm)?;
    let packed_path = wasm_path.with_extension("lzma");
    std::fs::write(&packed_path, &packed)
        .with_context(|| format!("writing {}", packed_path.display()))?;
    println!(
        "{}: {} B -> {} B",
        packed_path.display(),
        wasm.len(),
        packed.len()
    );
    Ok(packed_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lzma_rust2::LzmaReader;
    use std::io::Read;

    fn sample() -> Vec<u8> {
        // Code-like bytes: repeats at odd distances, and a stretch that does not repeat.
        let mut bytes = Vec::new();
        let mut x: u32 = 12345;
        for i in 0..50_000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let byte = if i % 700 < 500 {
                (i % 37) as u8 ^ 0x20
            } else {
                (x >> 24) as u8
            };
            bytes.push(byte);
        }
        bytes
    }

    #[test]
    fn the_header_holds_the_settings_and_the_unpacked_size() {
        let wasm = sample();
        let packed = pack(&wasm).expect("packs");
        assert_eq!(packed[0], 3, "lc 3, lp 0, pb 0");
        assert_eq!(u32::from_le_bytes(packed[1..5].try_into().unwrap()), 65_536);
        assert_eq!(
            u64::from_le_bytes(packed[5..13].try_into().unwrap()),
            50_000
        );
        assert!(packed.len() < wasm.len() / 2, "{} B packed", packed.len());
    }

    #[test]
    fn packing_round_trips() {
        let wasm = sample();
        let packed = pack(&wasm).expect("packs");
        let mut reader =
            LzmaReader::new_mem_limit(&packed[..], u32::MAX, None).expect("reads the header");
        let mut back = Vec::new();
        reader.read_to_end(&mut back).expect("unpacks");
        assert_eq!(back, wasm);
    }
}
