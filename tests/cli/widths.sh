# The report and 'checklists list' / 'show' stay within 80 screen columns
# when a site checklist and the patient are written in CJK: a wide character
# takes two columns, so counting characters (wc -L) let them reach 143.
. "$TESTLIB"

# A site copy of the SI joint checklist with every label, hint and the title
# in Japanese, each as long as the format allows (60 characters).
mkdir -p "$HOME/site"
python3 - "$TOP/schema/checklists/si-joint-injection.csv" "$HOME/site/si-joint-injection.csv" <<'PY'
import csv, sys
long = "仙腸関節注射の前に二つの識別子で患者本人を確認し同意書と部位を照合する"
text = (long * 3)[:60]
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
for r in rows[1:]:
    if r[0] == "meta" and r[1] == "title":
        r[2] = text
    elif r[0] != "meta":
        r[2] = text[:58] + r[1][:2]
        r[11] = text + text
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
export SPINELOG_CHECKLISTS="$HOME/site"
expect_rc 0 "$SPINELOG" checklists check "$HOME"/site/si-joint-injection.csv

within80() {
	printf '%s\n' "$2" | python3 "$TOP/tests/tools/columns.py" 80 >"$HOME/.wide" 2>"$HOME/.widest"
	[ ! -s "$HOME/.wide" ] || fail "$1: lines wider than 80 columns (line: columns): $(head -5 "$HOME/.wide")"
	echo "$1: $(cat "$HOME/.widest")"
}

expect_rc 0 "$SPINELOG" checklists list
contains "$OUT" "仙腸関節注射"
within80 "checklists list" "$OUT"
expect_rc 0 "$SPINELOG" checklists show --hints si-joint-injection
contains "$OUT" "仙腸関節注射"
within80 "checklists show --hints" "$OUT"

# A case on it, a Japanese patient, entries with wide values.
"$SPINELOG" init >/dev/null
. "$TOP/tests/tools/tools.sh"
"$ADDEVENT" staff YT '山田 太郎' 'nurse'
id=$("$ADDEVENT" case --mrn M200001 --name '山田 花子 やまだ はなこ 山田 花子 やまだ はなこ 山田' \
	--dob 1950-03-03 --checklist "$HOME"/site/si-joint-injection.csv --side left --level S1 \
	--proceduralist '佐藤 一郎 医師' --staff YT)
"$ADDEVENT" --case "$id" --phase pre --item arrival --action record --value 0830 --staff YT >/dev/null
"$ADDEVENT" --case "$id" --phase pre --item identity --action na --staff YT \
	--reason '患者は意識があり二つの識別子で本人確認を行ったが、リストバンドは病棟で再発行中であるため確認できなかった。病棟に連絡済み。' >/dev/null
expect_rc 0 "$SPINELOG" report "$id"
contains "$OUT" "山田 花子"
contains "$OUT" "リストバンド"
within80 "report" "$OUT"
# The cut never splits a character: the report is valid UTF-8 (python
# decodes it strictly above) and a cut label ends in "...".
contains "$OUT" "..."
