# checklists list / show / check, and a site folder overriding a built-in.
. "$TESTLIB"

keys="piriformis-injection sacral-nerve-root-block si-joint-injection disc-aspiration-biopsy
percutaneous-discectomy vertebral-biopsy sacroplasty"

# list: the seven, built in, within 80 columns; no database is created.
expect_rc 0 "$SPINELOG" checklists list
for k in $keys; do
	line=$(printf '%s\n' "$OUT" | grep "^$k ") || fail "list lacks $k: $OUT"
	contains "$line" "built-in" "list line of $k"
done
contains "$OUT" "Sacroplasty (sacral fracture cement augmentation)"
[ "$(printf '%s\n' "$OUT" | grep -cE '^[a-z-]+ .* (low|intermediate|high) .* built-in$')" -eq 7 ] ||
	fail "not 7 built-ins: $OUT"
# and the two tables beside them
printf '%s\n' "$OUT" | grep -qE '^drugs +[0-9]+  built-in$' || fail "list lacks the drug table: $OUT"
printf '%s\n' "$OUT" | grep -qE '^holds +[0-9]+  built-in$' || fail "list lacks the hold table: $OUT"
printf '%s\n' "$OUT" | awk 'length($0) > 80 { exit 1 }' || fail "list wider than 80 columns"
[ -z "$ERR" ] || fail "list wrote to stderr: $ERR"
[ ! -e "$DB" ] || fail "checklists list created the database"

# show: grouped by phase, flags, the time-out prompts; 80 columns.
expect_rc 0 "$SPINELOG" checklists show sacroplasty
contains "$OUT" "Pre-procedure: "
contains "$OUT" "Procedure: "
contains "$OUT" "Post-procedure: "
printf '%s\n' "$OUT" | grep -q '^  STOP Identity: 2 identifiers' || fail "identity not a STOP: $OUT"
contains "$OUT" "key cement_volume_left  unit mL"
contains "$OUT" "every 30 min x2"
contains "$OUT" "9. Everyone present agrees to proceed"
expect_rc 0 "$SPINELOG" checklists show --hints si-joint-injection
contains "$OUT" "? Joint Commission NPSG.01.01.01"
printf '%s\n' "$OUT" | awk 'length($0) > 80 { exit 1 }' || fail "show wider than 80 columns"
expect_rc 65 "$SPINELOG" checklists show no-such-procedure
contains "$ERR" "no checklist 'no-such-procedure'"
contains "$ERR" "sacral-nerve-root-block"
expect_rc 64 "$SPINELOG" checklists show
expect_rc 64 "$SPINELOG" checklists frob
expect_rc 64 "$SPINELOG" checklists

# show: each rule as a sentence (spinelog-checklist(5), RULES).
expect_rc 0 "$SPINELOG" checklists show sacral-nerve-root-block
contains "$OUT" "       must equal the case's side"
contains "$OUT" "       stops on: mismatch"
contains "$OUT" "       stops on: above 1.5"
contains "$OUT" "       stops on: below 50"
contains "$OUT" "       only when Sedation plan is not local only"
contains "$OUT" "key vitals_intra  every 15 min x12 until procedure_end"
contains "$OUT" "       only when Sedation plan is not local only or Sedation drug is recorded"
contains "$OUT" "       flagged on: vascular, intrathecal"
printf '%s\n' "$OUT" | awk 'length($0) > 80 { exit 1 }' || fail "show wider than 80 columns"
expect_rc 0 "$SPINELOG" checklists show sacroplasty
contains "$OUT" "key vitals_post_q30  every 30 min x2 after vitals_post"
contains "$OUT" "       must be at or after Bed rest started + 1 h"
contains "$OUT" "       only when the case's side is left or bilateral"
expect_rc 0 "$SPINELOG" checklists show si-joint-injection
contains "$OUT" "       only when Sedation plan is moderate or 'MAC or general'"
contains "$OUT" "       must hold: Septic arthritis suspected is no"

# show --csv gives the file byte for byte: it checks clean and is a copy.
expect_rc 0 "$SPINELOG" checklists show --csv piriformis-injection
"$SPINELOG" checklists show --csv piriformis-injection >"$HOME/piriformis-injection.csv"
cmp "$HOME/piriformis-injection.csv" "$TOP/schema/checklists/piriformis-injection.csv" ||
	fail "show --csv differs from the built-in file"

# check: every built-in passes.
expect_rc 0 "$SPINELOG" checklists check "$TOP"/schema/checklists/*.csv
[ "$(printf '%s\n' "$OUT" | grep -c ': ok: ')" -eq 7 ] || fail "not 7 ok: $OUT"

# check: a hand-broken file reports exact FILE:LINE:COLUMN and exits 65.
mkdir -p "$HOME/site"
broken="$HOME/site/si-joint-injection.csv"
src="$TOP/schema/checklists/si-joint-injection.csv"
lk=$(grep -n '^pre,history,' "$src" | cut -d: -f1)
lq=$(grep -n '^pre,labs_drawn,' "$src" | cut -d: -f1)
ls=$(grep -n '^pre,imaging_reviewed,' "$src" | cut -d: -f1)
[ "$lk" -lt "$lq" ] && [ "$lq" -lt "$ls" ] || fail "unexpected order of items in $src"
# An unknown kind (column 4), a stray quote in a label (column 3), and a hard
# stop that is not required (column 10).
sed -e 's/^\(pre,history,[^,]*\),check,/\1,chekc,/' \
	-e 's/^pre,labs_drawn,Date and time/pre,labs_drawn,Date "and time/' \
	-e 's/^\(pre,imaging_reviewed,[^,]*,check,,,,\),yes,no,/\1,no,yes,/' "$src" >"$broken"
expect_rc 65 "$SPINELOG" checklists check "$broken"
contains "$ERR" "$broken:$lk:4: unknown kind 'chekc'"
contains "$ERR" "$broken:$lq:3: stray double quote"
# The stray quote stops the reading: nothing after it is reported.
lacks "$ERR" "$broken:$ls:"
contains "$ERR" "refused"
# Fix the quote: now the stop on line 12 is reported too, and every error.
sed -i 's/Date "and time/Date and time/' "$broken"
expect_rc 65 "$SPINELOG" checklists check "$broken"
contains "$ERR" "$broken:$lk:4: unknown kind 'chekc'"
contains "$ERR" "$broken:$ls:10: a hard stop must also be required"
contains "$ERR" "2 problems"
# The rule columns: a good file, then every kind of mistake at its
# FILE:LINE:COLUMN, all reported at once.
cat >"$HOME/rules.csv" <<'EOF'
phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint,when,must
meta,title,Rules test,,,,,,,,,,,
meta,risk,high,,,,,,,,,,,
meta,allergy_item,allergies,,,,,,,,,,,
pre,allergies,Allergies,text,,,,,yes,,,,,
pre,plan,Sedation plan,choice,,,,local only|moderate|MAC or general,yes,,,,,
pre,side,Side,choice,,,,left|right|!unsure - stop,yes,yes,,,,= case.side
pre,inr,INR,number,,,1.3|!1.5,,yes,yes,,,,
pre,iv,IV access,check,,,,,yes,,,,plan != local only,
procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,,,
procedure,end,Procedure end,time,,,,,yes,,,,,
post,vitals,Vitals,vitals,,,,,yes,,15m*4,,,
post,vitals2,Vitals later,vitals,,,,,yes,,30m*2 after vitals,,,
post,discharge,Discharge,check,,,,,yes,yes,,,,
EOF
expect_rc 0 "$SPINELOG" checklists check "$HOME/rules.csv"
contains "$OUT" "ok: Rules test, high risk, 10 items"
bad="$HOME/bad-rules.csv"
cat >"$bad" <<'EOF'
phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint,when,must
meta,title,Bad rules,,,,,,,,,,,
meta,risk,high,,,,,,,,,,,
meta,allergy_item,allergy,,,,,,,,,,,
pre,allergies,Allergies,text,,,,,yes,,,,,
pre,plan,Sedation plan,choice,,,,local only|moderate,yes,,,,discharge done,
pre,side,Side,choice,,,,left|right,yes,yes,,,,= case.sid
pre,iv,IV access,check,,,,,yes,,,,plan != local-only,
pre,drug,Drug,med,,,,!triamcinolone|dexamethasone,,,,,,
pre,chk,Check,check,,,!1,,,,,,,
pre,rest,Bed rest end,time,,,,,,,,,,>= end + 60
procedure,timeout,Time-out,timeout,,,,a|b,yes,yes,,,,
procedure,end,Procedure end,time,,,,,yes,,,,,
post,vitals2,Vitals later,vitals,,,,,yes,,30m*2 after vitals,,,
post,discharge,Discharge,check,,,,,yes,yes,,,,
EOF
expect_rc 65 "$SPINELOG" checklists check "$bad"
contains "$ERR" "$bad:4:3: allergy_item 'allergy': no item of this checklist has that key"
contains "$ERR" "$bad:6:13: when: 'discharge' comes later in the file (line 15): a when may only name items above it"
contains "$ERR" "$bad:7:14: must: unknown 'case.sid'"
contains "$ERR" "$bad:8:13: when: 'local-only' is not a choice of plan (local only, moderate)"
contains "$ERR" "$bad:9:8: '!' marks a stop answer among a choice item's options; a med item's choices cannot stop"
contains "$ERR" "$bad:10:7: high is only for number items, not check"
contains "$ERR" "$bad:11:14: must: '60' is not a duration: write minutes or hours, e.g. 60m or 2h"
contains "$ERR" "$bad:14:11: repeat: after 'vitals': no item of this checklist has that key"
contains "$ERR" "refused: 8 problems"
# A site file written before the rule columns is still valid.
expect_rc 0 "$SPINELOG" checklists check "$TOP/tests/e2e/checklists/si-joint-injection.csv"

# A missing file.
expect_rc 66 "$SPINELOG" checklists check "$HOME/absent.csv"
contains "$ERR" "absent.csv:0:0: cannot open"

# A broken site file: refused, errors on stderr, the built-in stays.
export SPINELOG_CHECKLISTS="$HOME/site"
expect_rc 0 "$SPINELOG" checklists list
contains "$ERR" "$broken:$lk:4: unknown kind"
contains "$ERR" "the built-in 'si-joint-injection' checklist stays in force"
line=$(printf '%s\n' "$OUT" | grep "^si-joint-injection ")
contains "$line" "built-in"

# A valid site file overrides the built-in; the version changes.
builtin_version=$(printf '%s\n' "$line" | awk '{ print $3 }')
sed 's/^meta,title,.*/meta,title,SI joint injection (site),,,,,,,,,,,/' \
	"$TOP/schema/checklists/si-joint-injection.csv" >"$broken"
expect_rc 0 "$SPINELOG" checklists check "$broken"
expect_rc 0 "$SPINELOG" checklists list
[ -z "$ERR" ] || fail "valid site file gave errors: $ERR"
line=$(printf '%s\n' "$OUT" | grep "^si-joint-injection ")
contains "$line" " site"
site_version=$(printf '%s\n' "$line" | awk '{ print $3 }')
[ "$site_version" != "$builtin_version" ] || fail "site file has the built-in version"
contains "$OUT" "SI joint injection (site)"
contains "$OUT" "from $broken"
expect_rc 0 "$SPINELOG" checklists show si-joint-injection
contains "$OUT" "SI joint injection (site) (si-joint-injection)"
contains "$OUT" "$broken"

# A site folder that does not exist is reported; the built-ins still list.
export SPINELOG_CHECKLISTS="$HOME/nowhere"
expect_rc 66 "$SPINELOG" checklists list
contains "$ERR" "$HOME/nowhere"
contains "$OUT" "sacroplasty"

# The XDG folder is used when SPINELOG_CHECKLISTS is unset.
unset SPINELOG_CHECKLISTS
mkdir -p "$HOME/.config/spinelog/checklists"
cp "$broken" "$HOME/.config/spinelog/checklists/"
expect_rc 0 "$SPINELOG" checklists list
contains "$OUT" "from $HOME/.config/spinelog/checklists/si-joint-injection.csv"

# --- the drug table and the hold table (spinelog-checklist(5)) -------------
unset SPINELOG_CHECKLISTS XDG_CONFIG_HOME
rm -rf "$HOME/.config/spinelog/checklists"
expect_rc 0 "$SPINELOG" checklists check "$TOP/schema/drugs.csv" "$TOP/schema/holds.csv"
contains "$OUT" "$TOP/schema/drugs.csv: ok: drug table, "
contains "$OUT" "$TOP/schema/holds.csv: ok: hold table, "
# show: read, and as the file (to start a site copy from)
expect_rc 0 "$SPINELOG" checklists show drugs
contains "$OUT" "only catches typing errors"
printf '%s\n' "$OUT" | grep -qE '^  fentanyl +mcg +10-200 mcg$' || fail "show drugs: $OUT"
printf '%s\n' "$OUT" | awk 'length($0) > 80 { exit 1 }' || fail "show drugs wider than 80 columns"
expect_rc 0 "$SPINELOG" checklists show holds
printf '%s\n' "$OUT" | grep -qE '^  apixaban +high +72 h$' || fail "show holds: $OUT"
printf '%s\n' "$OUT" | grep -qE '^  dabigatran +high +CrCl <50: 144 h$' || fail "show holds: $OUT"
printf '%s\n' "$OUT" | grep -qE '^  apixaban +low +shared decision with the prescriber$' ||
	fail "show holds: $OUT"
printf '%s\n' "$OUT" | awk 'length($0) > 80 { exit 1 }' || fail "show holds wider than 80 columns"
"$SPINELOG" checklists show --csv holds >"$HOME/holds-copy.csv"
cmp "$HOME/holds-copy.csv" "$TOP/schema/holds.csv" || fail "show --csv holds differs from the built-in"
"$SPINELOG" checklists show --csv drugs >"$HOME/drugs-copy.csv"
cmp "$HOME/drugs-copy.csv" "$TOP/schema/drugs.csv" || fail "show --csv drugs differs from the built-in"

# check: every mistake at FILE:LINE:COLUMN, exit 65
tables="$HOME/tables"
mkdir -p "$tables"
cat >"$tables/holds.csv" <<'EOF2'
drug,risk,crcl,hold_hours,source
apixaban,high,,72,ASRA 2018 - 3 d
apixaban,medium,,72,ASRA 2018 - 3 d
apixaban,high,,48,SIR 2019 - 4 doses
warfarin,high,,-120,ASRA 2018 - 5 d
dabigatran,high,<50,144,ASRA 2018 - 6 d
EOF2
expect_rc 65 "$SPINELOG" checklists check "$tables/holds.csv"
contains "$ERR" "$tables/holds.csv:3:2: risk class 'medium' is not low, intermediate or high"
contains "$ERR" "$tables/holds.csv:4:2: apixaban, high is already on line 2"
contains "$ERR" "$tables/holds.csv:5:4: hold_hours -120 is negative"
contains "$ERR" "$tables/holds.csv:6:3: dabigatran, high has a row for CrCl <50 only"
contains "$ERR" "$tables/holds.csv refused: 4 problems"
cat >"$tables/drugs.csv" <<'EOF2'
drug,unit,low,high,source
fentanyl,mcg,10,200,site list
Fentanyl,mg,1,2,site list
midazolam,mg,10,1,site list
EOF2
expect_rc 65 "$SPINELOG" checklists check "$tables/drugs.csv"
contains "$ERR" "$tables/drugs.csv:3:1: drug 'Fentanyl' is already on line 2"
contains "$ERR" "$tables/drugs.csv:4:4: high (1) is below low (10)"
contains "$ERR" "refused: 2 problems"
expect_rc 66 "$SPINELOG" checklists check "$tables/absent/drugs.csv"

# in the site folder: the broken hold table is refused and the built-in one
# stays; a valid drug table replaces the built-in one
printf 'drug,unit,low,high,source\nfentanyl,mcg,10,100,site policy\n' >"$tables/drugs.csv"
export SPINELOG_CHECKLISTS="$tables"
expect_rc 0 "$SPINELOG" checklists list
contains "$ERR" "$tables/holds.csv:3:2: risk class 'medium'"
contains "$ERR" "$tables/holds.csv refused; the built-in hold table stays in force"
printf '%s\n' "$OUT" | grep -qE '^drugs +1  site$' || fail "the site drug table: $OUT"
contains "$OUT" "from $tables/drugs.csv"
printf '%s\n' "$OUT" | grep -qE '^holds +[0-9]+  built-in$' || fail "the hold table: $OUT"
# the tables are not procedures
[ "$(printf '%s\n' "$OUT" | grep -cE '^[a-z-]+ .* (low|intermediate|high) .* built-in$')" -eq 7 ] ||
	fail "list: $OUT"
expect_rc 0 "$SPINELOG" checklists show drugs
contains "$OUT" "Drug table (drugs.csv), $tables/drugs.csv: 1 drug"
unset SPINELOG_CHECKLISTS
