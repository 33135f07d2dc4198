// The web page served at / (adapters/http/web/*), compiled into the binary by
// CMake (web_assets.cpp is generated at configure time), so `alur serve`
// needs no files at run time.
#pragma once

#include <string_view>

namespace alur::http::detail {

struct WebAsset {
    std::string_view path;          ///< "/", "/app.js", "/app.css"
    std::string_view content_type;  ///< with charset
    std::string_view body;
};

/// The asset served at `path`, or nullptr.
const WebAsset* find_web_asset(std::string_view path);

/// The state diagram of `workflow` as SVG (docs/diagrams/WORKFLOW.svg,
/// compiled in by CMake), or empty when there is none.
std::string_view find_diagram_svg(std::string_view workflow);

}  // namespace alur::http::detail
