//! Producer partitioners: keyed, explicit, sticky (KIP-480), built-in (KIP-794) and round-robin.
