#!/usr/bin/env bash
# examples/demo.sh — three mutation cases of a regency's HR agency (BKPSDM),
# driven only through the `alur` command line, on a fresh SQLite file.
#
#   MUT-000001  a JPT Pratama moved after more than two years in post: all six
#               states to `completed`.
#   MUT-000002  a JPT Pratama inaugurated in 2024: the PPK decision is refused
#               by the two-year rule (rule jpt_two_year_lock) until both exceptions
#               (legal violation, job requirements unmet) are recorded.
#   MUT-000003  an administrator scored with the `administrator` profile: no
#               oversight recommendation (that is for JPT posts), scoring goes
#               straight to the PPK, who decides against the move: `rejected`.
#   MUT-000004  a case opened on 2024-04-01 that nobody touches: its record
#               gathering falls due on 2024-04-23 (10 working days across Idul
#               Fitri 1445 H); `alur run-due --now` fires its two reminders and
#               the escalation, `alur list --overdue` lists it.
#   JF-2025-001 the roster (examples/roster.csv) imported, a job fit batch of its
#               JPT officials: one excluded (inaugurated in April 2025), one
#               near retirement, two assessed; the `rotate` one approved by
#               the PPK (with its target post) opens a linked mutation case
#               at the PPK's decision, the job fit's scores and KASN/BKN's
#               recommendation in its data.
#   SEL-000001  an open selection for a vacant post: registration may not
#               close with 3 eligible applicants, is extended, and closes
#               with a fourth.
#
# Usage: examples/demo.sh [PATH_TO_ALUR]   (default: build/bin/alur)
# Names, NIPs and letter numbers are invented. Business dates are given with
# --at, so the story reads the same whenever it is run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ALUR="${1:-$here/../build/bin/alur}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export ALUR_DB="$work/alur.db"
export ALUR_CONFIG="$here/alur.toml"
export ALUR_LANG="${ALUR_LANG:-id}"

ADMIN=(--actor andi.saputra --role admin)
PPK=(--actor bupati --role ppk)

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
# Prints the command as one would type it.
show() {
  local line='$ alur' a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
      line+=" $a"
    elif [[ "$a" =~ ^([a-z_]+)=(.*)$ ]]; then
      line+=" ${BASH_REMATCH[1]}=\"${BASH_REMATCH[2]}\""
    else
      line+=" \"$a\""
    fi
  done
  printf '%s\n' "$line"
}
# Prints the command, then runs it.
run() {
  show "$@"
  "$ALUR" "$@"
}
# capture VAR ARGS...: runs `alur ARGS...`, prints its output and keeps it in VAR.
capture() {
  local var="$1" out
  shift
  show "$@"
  out="$("$ALUR" "$@")"
  printf '%s\n' "$out"
  printf -v "$var" '%s' "$out"
}

say "Basis data baru: $ALUR_DB (konfigurasi: examples/alur.toml)"
run init

# --- Case 1: through every state ------------------------------------------------
say "Kasus 1: Siti Rahmawati, Kepala Dinas Pendidikan -> Kepala Bappeda"
capture c1 open mutation --nip 197603152005012002 --name "Siti Rahmawati, S.Pd., M.Pd." \
  --grade jpt_pratama --post "Kepala Dinas Pendidikan" \
  --target "Kepala Badan Perencanaan Pembangunan Daerah" --unit "Dinas Pendidikan" \
  --inaugurated-at 2021-03-08 --at "2025-09-01 08:30" "${ADMIN[@]}" --reason "usulan rotasi JPT Pratama"

for item in career_history achievements skp edijab competency_test superior_recommendation neutrality discipline; do
  case "$item" in
    career_history) value="Kabid Dikdas 2014-2018; Sekretaris Dinas 2018-2021; Kepala Dinas sejak 2021" ;;
    achievements) value="Inovasi Sekolah Penggerak, juara 2 KIPP provinsi 2023" ;;
    skp) value="Sangat baik (2023, 2024)" ;;
    edijab) value="Evaluasi diri jabatan lengkap" ;;
    competency_test) value="Job fit 82 persen" ;;
    superior_recommendation) value="Direkomendasikan Sekretaris Daerah" ;;
    neutrality) value="Tidak ada pelanggaran netralitas" ;;
    discipline) value="Tidak pernah dijatuhi hukuman disiplin" ;;
  esac
  run advance "$c1" record_added item="$item" value="$value" source="BKPSDM" \
    --at "2025-09-03 10:00" "${ADMIN[@]}" --reason "rekam jejak"
done
run advance "$c1" records_completed --at 2025-09-05 "${ADMIN[@]}" --reason "rekam jejak lengkap"
run advance "$c1" visit_scheduled date=2025-09-15 team="Tim Penilai Kinerja: Drs. Yusri, Dewi Anggraini" \
  --at 2025-09-08 "${ADMIN[@]}" --reason "jadwal kunjungan lapangan"
run advance "$c1" interview_recorded role=rt_head name="Bapak Syafrizal (Ketua RT 02)" \
  summary="Aktif di kegiatan warga, tidak pernah bermasalah" --at "2025-09-15 09:00" "${ADMIN[@]}" --reason "wawancara"
run advance "$c1" interview_recorded role=community_figure name="H. Zainal Abidin" \
  summary="Dikenal jujur dan mudah ditemui" --at "2025-09-15 10:00" "${ADMIN[@]}" --reason "wawancara"
run advance "$c1" interview_recorded role=neighbour name="Ibu Nurhayati" \
  summary="Ramah, ikut gotong royong" --at "2025-09-15 11:00" "${ADMIN[@]}" --reason "wawancara"
run advance "$c1" visit_completed --at 2025-09-16 "${ADMIN[@]}" --reason "kunjungan selesai"
for score in paper=86 interview=84 track_record=90 performance_contract=88; do
  run advance "$c1" score_recorded component="${score%=*}" value="${score#*=}" \
    --at 2025-09-22 "${ADMIN[@]}" --reason "hasil penilaian pansel"
done
run advance "$c1" scoring_completed --at 2025-09-23 "${ADMIN[@]}" --reason "penilaian selesai"
run advance "$c1" recommendation_requested ref="800/412/BKPSDM/2025" --at 2025-09-24 "${ADMIN[@]}" \
  --reason "permohonan rekomendasi"
run advance "$c1" recommendation_received decision=approve ref="R-1187/BKN/X/2025" notes="Sesuai sistem merit" \
  --at 2025-10-14 "${ADMIN[@]}" --reason "rekomendasi diterima"
run advance "$c1" ppk_decided decision=approve post="Kepala Badan Perencanaan Pembangunan Daerah" \
  sk_number="821.2/145/BKPSDM/2025" --at 2025-10-27 "${PPK[@]}" --reason "keputusan PPK"
run advance "$c1" inauguration_scheduled date=2025-11-10 --at 2025-10-29 "${ADMIN[@]}" --reason "jadwal pelantikan"
run advance "$c1" inaugurated date=2025-11-10 sk_number="821.2/145/BKPSDM/2025" --at "2025-11-10 09:00" \
  "${ADMIN[@]}" --reason "pelantikan"

# --- Case 2: the two-year rule ----------------------------------------------------
say "Kasus 2: Ahmad Fauzi, dilantik 2024: aturan dua tahun (UU 5/2014 ps. 116)"
capture c2 open mutation --nip 198104222006041001 --name "Ir. Ahmad Fauzi, M.T." --grade jpt_pratama \
  --post "Kepala Dinas Pekerjaan Umum dan Penataan Ruang" --target "Kepala Dinas Perhubungan" \
  --unit "Dinas PUPR" --inaugurated-at 2024-06-14 --at "2025-09-02 08:30" "${ADMIN[@]}" \
  --reason "usulan mutasi JPT Pratama"
for item in career_history achievements skp edijab competency_test superior_recommendation neutrality discipline; do
  run advance "$c2" record_added item="$item" value="Terlampir dalam berkas" source="BKPSDM" \
    --at 2025-09-04 "${ADMIN[@]}" --reason "rekam jejak"
done
run advance "$c2" records_completed --at 2025-09-05 "${ADMIN[@]}" --reason "rekam jejak lengkap"
run advance "$c2" visit_scheduled date=2025-09-17 team="Tim Penilai Kinerja" --at 2025-09-08 "${ADMIN[@]}" \
  --reason "jadwal kunjungan lapangan"
run advance "$c2" interview_recorded role=rt_head name="Bapak Darmawan (Ketua RT 05)" summary="Jarang di rumah" \
  --at 2025-09-17 "${ADMIN[@]}" --reason "wawancara"
run advance "$c2" interview_recorded role=neighbour name="Ibu Yuliarni" summary="Kurang bergaul" \
  --at 2025-09-17 "${ADMIN[@]}" --reason "wawancara"
run advance "$c2" interview_recorded role=community_figure name="Datuak Rajo Mudo" summary="Tidak banyak dikenal" \
  --at 2025-09-17 "${ADMIN[@]}" --reason "wawancara"
run advance "$c2" visit_completed --at 2025-09-18 "${ADMIN[@]}" --reason "kunjungan selesai"
for score in paper=70 interview=66 track_record=68 performance_contract=64; do
  run advance "$c2" score_recorded component="${score%=*}" value="${score#*=}" \
    --at 2025-09-22 "${ADMIN[@]}" --reason "hasil penilaian pansel"
done
run advance "$c2" scoring_completed --at 2025-09-23 "${ADMIN[@]}" --reason "penilaian selesai"
run advance "$c2" recommendation_requested ref="800/413/BKPSDM/2025" --at 2025-09-24 "${ADMIN[@]}" \
  --reason "permohonan rekomendasi"
run advance "$c2" recommendation_received decision=approve ref="R-1190/BKN/X/2025" \
  notes="Dapat dipindahkan bila syarat pengecualian terpenuhi" --at 2025-10-15 "${ADMIN[@]}" --reason "rekomendasi diterima"

say "Keputusan PPK ditolak: belum dua tahun sejak pelantikan 2024-06-14"
status=0
run advance "$c2" ppk_decided decision=approve post="Kepala Dinas Perhubungan" sk_number="821.2/150/BKPSDM/2025" \
  --at 2025-10-28 "${PPK[@]}" --reason "keputusan PPK" || status=$?
echo "(kode keluar $status: ditolak oleh alur kerja, tidak ada yang ditulis)"

say "Pengecualian dicatat: pelanggaran hukum dan syarat jabatan tidak terpenuhi"
run advance "$c2" exception_recorded kind=legal_violation ref="LHP Inspektorat No. 700/112/ITDA/2025" \
  --at 2025-10-29 "${ADMIN[@]}" --reason "temuan Inspektorat"
run advance "$c2" exception_recorded kind=requirements_unmet ref="Hasil uji kompetensi 2025: di bawah standar jabatan" \
  --at 2025-10-29 "${ADMIN[@]}" --reason "syarat jabatan tidak terpenuhi"
run advance "$c2" ppk_decided decision=approve post="Kepala Dinas Perhubungan" sk_number="821.2/150/BKPSDM/2025" \
  --at 2025-10-30 "${PPK[@]}" --reason "keputusan PPK dengan pengecualian"
run advance "$c2" inauguration_scheduled date=2025-11-10 --at 2025-10-31 "${ADMIN[@]}" --reason "jadwal pelantikan"
run advance "$c2" inaugurated date=2025-11-10 sk_number="821.2/150/BKPSDM/2025" --at "2025-11-10 09:30" \
  "${ADMIN[@]}" --reason "pelantikan"

# --- Case 3: an administrator, rejected by the PPK ----------------------------------------
say "Kasus 3: Rina Marlina, administrator, profil penilaian 'administrator'; tanpa rekomendasi (hanya untuk JPT), PPK tidak menyetujui"
capture c3 open mutation --nip 198807302012122001 --name "Rina Marlina, S.E." --grade administrator \
  --post "Kepala Bagian Umum Sekretariat Daerah" --target "Sekretaris Dinas Kesehatan" --unit "Sekretariat Daerah" \
  --inaugurated-at 2022-01-10 --profile administrator --at "2025-09-03 08:30" "${ADMIN[@]}" \
  --reason "usulan rotasi administrator"
for item in career_history achievements skp edijab competency_test superior_recommendation neutrality discipline; do
  run advance "$c3" record_added item="$item" value="Terlampir dalam berkas" source="BKPSDM" \
    --at 2025-09-04 "${ADMIN[@]}" --reason "rekam jejak"
done
run advance "$c3" records_completed --at 2025-09-05 "${ADMIN[@]}" --reason "rekam jejak lengkap"
run advance "$c3" interview_recorded role=rt_head name="Bapak Erwin (Ketua RT 01)" summary="Baik" \
  --at 2025-09-19 "${ADMIN[@]}" --reason "wawancara"
run advance "$c3" interview_recorded role=neighbour name="Ibu Sri Wahyuni" summary="Baik" \
  --at 2025-09-19 "${ADMIN[@]}" --reason "wawancara"
run advance "$c3" interview_recorded role=neighbour name="Bapak Hendra" summary="Cukup" \
  --at 2025-09-19 "${ADMIN[@]}" --reason "wawancara"
run advance "$c3" visit_completed --at 2025-09-19 "${ADMIN[@]}" --reason "kunjungan selesai"
for score in paper=62 interview=60 track_record=58 performance_contract=55; do
  run advance "$c3" score_recorded component="${score%=*}" value="${score#*=}" \
    --at 2025-09-22 "${ADMIN[@]}" --reason "hasil penilaian pansel"
done
run advance "$c3" scoring_completed --at 2025-09-23 "${ADMIN[@]}" --reason "penilaian selesai"
run advance "$c3" ppk_decided decision=reject post="Sekretaris Dinas Kesehatan" sk_number="-" \
  --at 2025-09-29 "${PPK[@]}" --reason "nilai di bawah standar; disarankan pengembangan kompetensi"

# --- Case 4: a deadline nobody has to remember ---------------------------------------
say "Kasus 4: Dedi Kurniawan, dibuka 2024-04-01, rekam jejak tidak diisi: tenggat 10 hari kerja"
capture c4 open mutation --nip 198502142010011003 --name "Dedi Kurniawan, S.STP." --grade administrator \
  --post "Kepala Bagian Organisasi Sekretariat Daerah" --target "Sekretaris Dinas Sosial" --unit "Sekretariat Daerah" \
  --inaugurated-at 2021-07-01 --profile administrator --at "2024-04-01 08:00" "${ADMIN[@]}" \
  --reason "usulan rotasi administrator"
say "Jatuh tempo 2024-04-23 16:00 WIB: 8-12 dan 15 April 2024 libur Idul Fitri dan cuti bersama"
run show "$c4" --now "2024-04-02 09:00"
say "Sehari setelah tenggat: pengingat dan eskalasi dicatat sekali (pemberitahuan ke kanal log, di stderr)"
run run-due --now "2024-04-24 09:00"
run run-due --now "2024-04-24 09:00"
run list --overdue --now "2024-04-24 09:00"

# --- Job fit: the roster and a batch ------------------------------------------------
say "Daftar pegawai dari spreadsheet (titik koma, tanggal DD/MM/YYYY): examples/roster.csv"
run roster import "$here/roster.csv"
run roster list
say "Uji kompetensi: satu angkatan untuk seluruh JPT, dengan yang dikecualikan dan alasannya"
capture started jobfit start --as-of 2025-10-01 --at "2025-10-01 08:00" --actor andi.saputra
batch="$(head -n 1 <<<"$started")"
jf=()
while read -r id _; do jf+=("$id"); done < <(grep -o 'JF-0[0-9]*  [0-9]*' <<<"$started")
scores=("paper=86 interview=84 track_record=88 performance_contract=85" "paper=72 interview=70 track_record=75 performance_contract=70")
for i in 0 1; do
  for score in ${scores[$i]}; do
    run advance "${jf[$i]}" score_recorded component="${score%=*}" value="${score#*=}" --at 2025-10-08 "${ADMIN[@]}" \
      --reason "nilai uji kompetensi"
  done
  run advance "${jf[$i]}" assessment_completed --at 2025-10-09 "${ADMIN[@]}" --reason "penilaian selesai"
  run advance "${jf[$i]}" panel_reported ref="BA/PANSEL/2025/$((i + 1))" summary="Laporan panitia" --at 2025-10-10 \
    "${ADMIN[@]}" --reason "laporan pansel"
  run advance "${jf[$i]}" recommendation_requested ref="800/520/BKPSDM/2025" --at 2025-10-13 "${ADMIN[@]}" \
    --reason "permohonan rekomendasi"
  run advance "${jf[$i]}" recommendation_received decision=approve ref="R-1300/BKN/X/2025" --at 2025-10-27 \
    "${ADMIN[@]}" --reason "rekomendasi diterima"
done
say "Keputusan PPK: yang dirotasi mendapat kasus mutasi tertaut"
run advance "${jf[0]}" ppk_reviewed decision=approve --at 2025-11-03 "${PPK[@]}" --reason "tetap pada jabatan"
run advance "${jf[1]}" ppk_reviewed decision=approve target_post="Kepala Dinas Perhubungan" \
  target_unit="Dinas Perhubungan" --at 2025-11-03 "${PPK[@]}" --reason "rotasi"
run jobfit report "$batch"

# --- Open selection: too few applicants, extended ------------------------------------------
say "Seleksi terbuka: Kepala Dinas Sosial"
capture sel open open_selection --post "Kepala Dinas Sosial" --unit "Dinas Sosial" --grade jpt_pratama \
  --at 2025-10-01 "${ADMIN[@]}" --reason "jabatan lowong"
run advance "$sel" pansel_formed sk_number="800/600/BKPSDM/2025" chair="Sekretaris Daerah" \
  members="Sekda; Asisten III; dua akademisi; satu praktisi" member_count=5 --at 2025-10-02 "${ADMIN[@]}" \
  --reason "pansel dibentuk"
run advance "$sel" announced ref="PENG/01/PANSEL/2025" date=2025-10-06 registration_closes=2025-10-20 \
  min_rank=IV/a min_years_in_post=2 max_age=56 --at 2025-10-06 "${ADMIN[@]}" --reason "pengumuman"
# nip|name|post|rank|years in post|born|education|years of related experience|years as administrator
# (PP 11/2017 as amended art. 107: S1 or D-IV, 5 years related, 2 years as administrator, at most 56)
applicants=("197905122005011001|Rudi Hartono, S.Sos.|Sekretaris Dinas Sosial|IV/b|4|1979-05-12|S1|12|6"
            "198103032006042002|Lina Marlina, S.E.|Kepala Bidang Rehabilitasi Sosial|IV/a|5|1981-03-03|S1|10|5"
            "197711112003121003|Hendra Saputra, M.Si.|Kepala Bagian Kesra|IV/a|3|1977-11-11|S2|15|3"
            "198006062005011004|Rahmat Hidayat, S.T.|Kepala Bidang Perlindungan Sosial|IV/a|6|1980-06-06|S1|11|6")
for i in 0 1 2 3; do
  IFS='|' read -r nip name post rank years birth education related admin_years <<<"${applicants[$i]}"
  if [[ $i == 3 ]]; then
    say "Hanya 3 pelamar memenuhi syarat: pendaftaran tidak boleh ditutup (PermenPAN-RB 15/2019)"
    status=0
    run advance "$sel" registration_closed --at 2025-10-20 "${ADMIN[@]}" --reason "pendaftaran ditutup" || status=$?
    echo "(kode keluar $status: ditolak oleh alur kerja, tidak ada yang ditulis)"
    run advance "$sel" registration_extended days=7 reason="pelamar kurang dari 4" --at 2025-10-20 "${ADMIN[@]}" \
      --reason "perpanjangan pendaftaran"
  fi
  run advance "$sel" applicant_registered nip="$nip" name="$name" current_post="$post" rank="$rank" \
    years_in_post="$years" birth_date="$birth" disciplinary=none education="$education" \
    years_related_experience="$related" years_in_admin_post="$admin_years" --at 2025-10-$((13 + i * 3)) "${ADMIN[@]}" \
    --reason "pendaftaran pelamar"
done
run advance "$sel" registration_closed --at 2025-10-27 "${ADMIN[@]}" --reason "pendaftaran ditutup"
run advance "$sel" administrative_completed --at 2025-10-29 "${ADMIN[@]}" --reason "seleksi administrasi"
run selection applicants "$sel"

# --- What the auditor sees --------------------------------------------------------------
for c in "$c1" "$c2" "$c3" "$c4" "${jf[1]}"; do
  say "Riwayat $c"
  run history "$c"
done
say "Kasus 3 sekarang"
run show "$c3"
say "Semua kasus"
run list
say "Auditor: rantai hash, nomor urut dan telusur ulang setiap kasus; titik periksa untuk disimpan di luar sistem"
run audit verify
run audit checkpoint
