// log_channel.cpp — a notice as one info line on a spdlog logger.
#include "alur/notify/channels.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

namespace alur::notify {
namespace {

/// The string at `key` of `object`, or empty when missing or not a string.
std::string string_at(const boost::json::object& object, std::string_view key) {
    const auto* v = object.if_contains(key);
    if (!v || !v->is_string()) return {};
    return std::string(v->get_string());
}

/// What a person should read: the Indonesian text, else the English one, else
/// what the notice is about. A payload that is not a JSON object is shown as is.
std::string message_text(const std::string& payload) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(payload, ec);
    if (ec || !v.is_object()) return payload.empty() ? "(no message)" : payload;
    const auto& object = v.get_object();
    if (const auto* m = object.if_contains("message"); m && m->is_object()) {
        if (auto text = string_at(m->get_object(), "id"); !text.empty()) return text;
        if (auto text = string_at(m->get_object(), "en"); !text.empty()) return text;
    }
    std::string text = string_at(object, "kind");
    if (const auto state = string_at(object, "state"); !state.empty())
        text += (text.empty() ? "" : " in ") + state;
    return text.empty() ? "(no message)" : text;
}

}  // namespace

LogChannel::LogChannel(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {
    if (!logger_) logger_ = std::make_shared<spdlog::logger>("alur.notify", std::make_shared<spdlog::sinks::null_sink_mt>());
}

Result<void> LogChannel::deliver(const Notice& notice) {
    logger_->info("notice {} for case {} to {}: {}", notice.id, notice.case_id.empty() ? "-" : notice.case_id,
                  notice.recipient.empty() ? "-" : notice.recipient, message_text(notice.payload));
    return {};
}

}  // namespace alur::notify
