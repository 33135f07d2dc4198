// alur/engine/event.hpp — one journaled event, as stored and as hashed.
//
// Every transition, opening and fired timer of a case is one EventRecord.
// The records of the whole journal form one SHA-256 chain in global order:
// each hash covers the previous record's hash and this record's canonical
// fields, so altering, deleting, inserting or reordering any row is detected.
// Plain value type.
#pragma once

#include "alur/engine/clock.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>

namespace alur {

struct EventRecord {
    std::string case_id;
    std::int64_t seq = 0;         ///< 1-based position in its case
    std::int64_t global_seq = 0;  ///< 1-based position in the whole journal
    std::string name;             ///< the workflow's stable event name
    std::string payload;          ///< canonical JSON (sorted keys, no spaces)
    std::string actor;
    std::string role;
    std::string reason;
    /// Who recorded it, besides the claimed actor: the API token's name, or
    /// the operating-system user of the CLI. Empty on events written before
    /// schema version 5 (and on those the hash then covers as before).
    std::string recorded_by;
    TimePoint occurred_at;  ///< business time: when it happened (guards read this)
    TimePoint recorded_at;  ///< when the engine journaled it
    std::string prev_hash;  ///< hex SHA-256 of the previous record, or 64 zeros first
    std::string hash;       ///< hex SHA-256 of prev_hash and the fields above
};

/// The predecessor hash of the very first record.
inline const std::string genesis_hash(64, '0');

/// The hash this record should carry, computed from `prev_hash` and its fields.
/// Fields are length-prefixed, so no two different records hash the same input.
/// A record with an empty recorded_by hashes exactly as before that field
/// existed ("alur-event-v1"); one with it is tagged "alur-event-v2" and
/// covers it too, so old journals still verify and the field cannot be
/// stripped or added without breaking the chain.
std::string compute_event_hash(const EventRecord& e);

/// SHA-256 (hex) of `tag`, `prev_hash` and `fields`, each length-prefixed as
/// in compute_event_hash: the link of a hash chain beside the event chain
/// (refusals, grants).
std::string chained_hash(std::string_view tag, std::string_view prev_hash,
                         std::initializer_list<std::string_view> fields);

/// Lowercase hex SHA-256 of arbitrary bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace alur
