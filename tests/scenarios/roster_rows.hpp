// Rows of a roster CSV shared by the roster tests: the header and three
// officials whose NIPs, birth dates and inaugurations are all valid.
#pragma once

#include <string>

namespace alur::test::roster_rows {

inline const std::string header = "nip,name,grade,post,unit,inaugurated_at,birth_date\n";
inline const std::string hendra =
    "197603152005011002,\"Drs. Hendra Gunawan, M.Si.\",jpt_pratama,Kepala Dinas Pendidikan,Dinas Pendidikan,"
    "2021-03-08,1976-03-15\n";
inline const std::string rina =
    "198807302012122001,\"Rina Marlina, S.E.\",administrator,Sekretaris Dinas,Dinas Kesehatan,2022-01-10,"
    "1988-07-30\n";
inline const std::string yusuf =
    "196602011990031003,Ir. Yusuf Hakim,jpt_pratama,Kepala Badan Perencanaan Pembangunan Daerah,Bappeda,"
    "2019-07-01,1966-02-01\n";

}  // namespace alur::test::roster_rows
