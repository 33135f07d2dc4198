// case_data.hpp — reading and writing a case's JSON data, shared by the
// workflows' machines and codecs. Private to workflows/. Pure functions.
#pragma once

#include "alur/engine/summary.hpp"
#include "alur/engine/time.hpp"
#include "alur/workflows/rules.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace alur::workflows {

/// The string at `key`, or "" when missing or not a string.
std::string text(const boost::json::object& o, std::string_view key);
/// The object at `key`, replacing anything else there with an empty object.
boost::json::object& obj(boost::json::object& data, std::string_view key);
/// The array at `key`, replacing anything else there with an empty array.
boost::json::array& arr(boost::json::object& data, std::string_view key);
/// The object at `key`, or null.
const boost::json::object* find_obj(const boost::json::object& data, std::string_view key);
/// The array at `key`, or null.
const boost::json::array* find_arr(const boost::json::object& data, std::string_view key);
/// A JSON number as a double.
double number(const boost::json::value& v);
/// The date at `key` ("YYYY-MM-DD"), or the epoch date when missing.
Date date_of(const boost::json::object& o, std::string_view key);
/// "Drs. Ahmad Fauzi (NIP 1976...)" from data[key] (name, nip); "" without it.
std::string official_subject(const boost::json::object& data, std::string_view key = "official");
/// The list columns of a case about the official at data[key]: the
/// official's unit, NIP and official_subject.
CaseSummary official_summary(const boost::json::object& data, std::string_view key = "official");

/// The official's fields (nip, name, grade, post, unit, inaugurated_at and,
/// unless `with_birth_date` is false, birth_date) that `from` has: what a
/// case stores as data.official and what a follow-up's open payload takes.
boost::json::object official_fields(const boost::json::object& from, bool with_birth_date = true);

/// "a, b, c".
std::string joined(const std::vector<std::string>& items);

/// A scoring profile as it is snapshot into an event's payload and a case's data.
boost::json::object profile_json(const rules::ScoringProfile& p);
/// The profile stored at data[key] (see profile_json).
rules::ScoringProfile profile_at(const boost::json::object& data, std::string_view key = "scoring_profile");
/// Component -> score of an object such as data["scores"].
std::map<std::string, double> scores_of(const boost::json::object* scores);

/// The election window as stored in a payload (`election_window`).
boost::json::object window_json(const rules::ElectionWindow& w);
rules::ElectionWindow window_of(const boost::json::object& w);

}  // namespace alur::workflows
