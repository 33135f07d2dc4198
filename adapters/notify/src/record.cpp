// record.cpp — the JSON object the file and webhook channels write for a notice.
#include "alur/notify/channels.hpp"

#include "alur/engine/json.hpp"
#include "alur/engine/time.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace alur::notify {

std::string notice_record(const Notice& notice) {
    boost::json::value payload;
    boost::system::error_code ec;
    payload = boost::json::parse(notice.payload, ec);
    if (ec) payload = boost::json::string(notice.payload);

    boost::json::object record;
    record["notice_id"] = notice.id;
    record["case"] = notice.case_id;
    record["recipient"] = notice.recipient;
    record["channel"] = notice.channel;
    record["created_at"] = format_utc(notice.created_at);
    record["payload"] = std::move(payload);
    return canonical_json(record);
}

}  // namespace alur::notify
