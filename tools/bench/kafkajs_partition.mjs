// Partitions every line of a key file with kafkajs's DefaultPartitioner (its Java-compatible murmur2) in-process,
// the Node baseline for `kplay partition`. Prints one partition per line (so outputs can be compared with kplay)
// and the in-process partitioning time on stderr.
//
// usage: node tools/bench/kafkajs_partition.mjs KEYS_FILE PARTITIONS > partitions.txt
// Needs kafkajs in ./node_modules (`npm ci` at the repository root; `cargo xtask setup` runs it).

import { readFileSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Partitioners } = require('kafkajs')

const [keysFile, partitionsArg] = process.argv.slice(2)
const numPartitions = Number.parseInt(partitionsArg ?? '', 10)
if (!keysFile || !(numPartitions >= 1)) {
  console.error('usage: node tools/bench/kafkajs_partition.mjs KEYS_FILE PARTITIONS')
  process.exit(2)
}

let text = readFileSync(keysFile, 'utf8')
if (text.endsWith('\n')) text = text.slice(0, -1)
const keys = text.split('\n')
const partitionMetadata = Array.from({ length: numPartitions }, (_, partitionId) => ({ partitionId, leader: 0 }))
const partitioner = Partitioners.DefaultPartitioner()

const start = process.hrtime.bigint()
const out = new Array(keys.length)
for (let i = 0; i < keys.length; i++) {
  // kafkajs hashes Buffer.from(key) for string keys, i.e. the UTF-8 bytes, as kplay does.
  out[i] = partitioner({ topic: 'bench', partitionMetadata, message: { key: keys[i] } })
}
const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6
writeSync(1, out.join('\n') + '\n')
console.error(`kafkajs DefaultPartitioner: ${keys.length} keys in ${elapsedMs.toFixed(1)} ms in-process (${(keys.length / elapsedMs / 1000).toFixed(2)} M keys/s)`)

// The bare hash, without the partitioner's per-call bookkeeping (availability filter), for a fairer lower bound.
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2')
const hashStart = process.hrtime.bigint()
let check = 0
for (let i = 0; i < keys.length; i++) {
  check ^= (murmur2(keys[i]) & 0x7fffffff) % numPartitions
}
const hashMs = Number(process.hrtime.bigint() - hashStart) / 1e6
console.error(`kafkajs murmur2 alone: ${keys.length} keys in ${hashMs.toFixed(1)} ms in-process (checksum ${check})`)
