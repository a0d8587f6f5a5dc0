# The bash completion in contrib/ offers the commands and the export options,
# each option once.
. "$TESTLIB"
command -v bash >/dev/null || fail "bash is needed for this test"
complete_words() {
	bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _spinelog; printf "%s\n" "${COMPREPLY[@]}"' \
		"$TOP/contrib/spinelog.bash-completion" "$@"
}
# every command of --help, in its order
want=$("$SPINELOG" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {printf "%s ", $1}')
[ "$(complete_words spinelog '' | tr '\n' ' ')" = "$want" ] ||
	fail "commands: $(complete_words spinelog '' | tr '\n' ' '), --help has $want"
mkdir "$HOME/bk"
[ "$(cd "$HOME" && complete_words spinelog backup b)" = "bk" ] || fail "backup offers no folder"
[ "$(complete_words spinelog -d x.db export --n)" = "--no-bom" ] || fail "export --n"
[ "$(complete_words spinelog export --date y)" = "yesterday" ] || fail "--date y"
# Options after options' values; each option once, one range (spinelog
# refuses a repeated option or a second range).
after=$(complete_words spinelog export --from 2026-01-01 --to 2026-01-02 -)
contains "$after" "--no-bom"
for o in --from --to --date --case --all; do
	lacks "$after" "$o" "after --from/--to"
done
contains "$(complete_words spinelog export --from 2026-01-01 -)" "--to"
after=$(complete_words spinelog export -o x.csv --db y.db --all -)
for o in -o --output -d --db --all --date; do
	lacks " $(echo $after) " " $o " "after -o, --db and --all"
done
contains "$after" "--no-bom"
# worklist: --staff before and after 'import', once (the global option counts).
contains "$(complete_words spinelog worklist -)" "--staff"
contains "$(complete_words spinelog worklist import -)" "--staff"
lacks "$(complete_words spinelog --staff CN worklist import -)" "--staff"
[ "$(complete_words spinelog checklists '')" = "list
show
check" ] || fail "checklists: $(complete_words spinelog checklists '')"
[ "$(complete_words spinelog worklist '')" = "import" ] || fail "worklist"
[ "$(complete_words spinelog verify --a)" = "--anchor" ] || fail "verify --a"
mkdir "$HOME/exports"
[ "$(cd "$HOME" && complete_words spinelog export -o exp)" = "exports" ] || fail "-o folder"
[ "$(complete_words spinelog export -o '')" != "" ] || fail "-o offers nothing"
contains "$(complete_words spinelog export -o '' | tail -n 1)" "-"
# Checklist keys come from 'spinelog checklists list'.
PATH="$(dirname "$SPINELOG"):$PATH"
[ "$(complete_words spinelog checklists show si)" = "si-joint-injection" ] ||
	fail "checklists show si: $(complete_words spinelog checklists show si)"
# the seven checklists and the two tables (show drugs, show holds)
[ "$(complete_words spinelog checklists show '' | wc -l)" -eq 9 ] || fail "not 7 checklist keys and 2 tables"
[ "$(complete_words spinelog checklists show ho)" = "holds" ] || fail "checklists show ho"
contains "$(complete_words spinelog checklists show --)" "--hints"
