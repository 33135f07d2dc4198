// The API's Request from a request Beast parsed: method, target, body and the
// headers the API reads. Shared by the server (server.cpp) and the HTTP fuzz
// harness (tests/fuzz/fuzz_http.cpp), so both hand the router the same thing.
#pragma once

#include "alur/http/api.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

namespace alur::http::detail {

inline Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& req) {
    namespace bhttp = boost::beast::http;
    Request request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.body = req.body();
    if (auto it = req.find(bhttp::field::authorization); it != req.end()) request.authorization = std::string(it->value());
    if (auto it = req.find("Idempotency-Key"); it != req.end()) request.idempotency_key = std::string(it->value());
    if (auto it = req.find(bhttp::field::if_match); it != req.end()) request.if_match = std::string(it->value());
    if (auto it = req.find(bhttp::field::cookie); it != req.end()) request.cookie = std::string(it->value());
    if (auto it = req.find("X-CSRF-Token"); it != req.end()) request.csrf = std::string(it->value());
    if (auto it = req.find(bhttp::field::content_type); it != req.end()) request.content_type = std::string(it->value());
    if (auto it = req.find("X-Request-Id"); it != req.end()) request.request_id = std::string(it->value());
    if (auto it = req.find(bhttp::field::accept_language); it != req.end())
        request.accept_language = std::string(it->value());
    return request;
}

}  // namespace alur::http::detail
