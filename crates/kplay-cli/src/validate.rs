//! `kplay validate SCENARIO.json` (an engine or a flow scenario): exit 0 and `ok`, or exit 2 with every problem listed on stderr.

use crate::error::CliError;
use crate::scenario_file;

pub fn run(args: &[String]) -> Result<(), CliError> {
    let [path] = args else {
        return Err(CliError::new(
            "arguments",
            "usage: kplay validate SCENARIO.json",
        ));
    };
    scenario_file::load(path)?;
    println!("ok");
    Ok(())
}
