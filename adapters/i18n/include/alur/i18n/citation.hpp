// alur/i18n/citation.hpp — a legal citation as a person reads it, in either language.
//
// The rules' citations (workflows/rules/legal_bases.json, alur::rules::cite)
// are written once, in the English legal style of the registry: "UU 5/2014
// art. 116(1)", "PP 11/2017 as amended by PP 17/2020 art. 107". In
// Indonesian the same citation reads "UU 5/2014 pasal 116 ayat (1)", "PP
// 11/2017 sebagaimana diubah dengan PP 17/2020 pasal 107". The registry's
// vocabulary is small and fixed, so the Indonesian form is made from it by
// rule rather than written twice (and drifting); a phrase it does not know
// stays as it is.
#pragma once

#include "alur/i18n/messages.hpp"

#include <string>
#include <string_view>

namespace alur::i18n {

/// `cite` in `lang`: unchanged for English; for Indonesian, articles as
/// "pasal N ayat (M)" and the registry's connecting words and policy
/// phrases translated.
std::string citation_text(std::string_view cite, cli::Lang lang);

}  // namespace alur::i18n
