# mpp config show, precedence flag > env > config > default, and configuration errors (78).
. "$(dirname "$0")/lib.sh"
fresh_db

run config show
expect_rc 0 "config show"
expect_out "database.path = $MPP_DB" "the effective database path"
expect_out "(env MPP_DB)" "its origin"
expect_out "output.format = table" "the default format"
expect_out "(default)" "default origins"
run --db "$T/flag.db" config show
expect_out "database.path = $T/flag.db" "a flag beats the environment"
expect_out "(flag --db)" "flag origin"

mkdir -p "$XDG_CONFIG_HOME/mpp"
printf '# user config\n[output]\nformat = "json"\n[report]\nlanguage = "en"\n' >"$XDG_CONFIG_HOME/mpp/config.toml"
run config show --format table
expect_out "report.language = en" "the user config file is read"
expect_out "(config $XDG_CONFIG_HOME/mpp/config.toml)" "config origin"
run agency list
expect_eq "$out" "[]" "output.format from the config applies to listings"
MPP_FORMAT=csv run agency list
expect_out "code,name,kind" "the environment beats the config file"
MPP_FORMAT=csv run agency list --format tsv
expect_out "code	name	kind" "a flag beats the environment"
run agency list --lang id --format json
expect_eq "$out" "[]" "machine formats do not follow the language"
rm "$XDG_CONFIG_HOME/mpp/config.toml"

run config show --format json
expect_out '"key":"database.path"' "config show in JSON"
expect_out '"origin":"env MPP_DB"' "with origins"

# --- the database's own settings beside the file's, each labelled by its source
"$MPP" db set office.code BKS 2>/dev/null
"$MPP" db set report.place Kupang 2>/dev/null
# shown KEY: the listed lines of KEY, spaces squeezed, each with the heading of its group.
shown() { printf '%s\n' "$out" | awk -v k="$1 = " '/^#/ { h = $0 } index($0, k) == 1 { print h " | " $0 }' | tr -s ' '; }
run config show
expect_rc 0 "config show with a database"
expect_eq "$(shown office.code)" "# Stored in the database $MPP_DB (mpp db set changes them): | office.code = BKS (database)" "office.code is the database's, labelled (database), not the config default"
expect_eq "$(shown office.utc_offset)" "# Stored in the database $MPP_DB (mpp db set changes them): | office.utc_offset = +08:00 (database)" "the offset db init stored"
expect_eq "$(shown report.place)" "# Stored in the database $MPP_DB (mpp db set changes them): | report.place = Kupang (database)" "report.* settings too"
expect_eq "$(shown calendar.workweek)" "# Stored in the database $MPP_DB (mpp db set changes them): | calendar.workweek = mon,tue,wed,thu,fri (database)" "db init stored every setting"
sqlite3 "$MPP_DB" "delete from setting where key = 'complaint.sla_days'"
run config show
expect_eq "$(shown complaint.sla_days)" "# Stored in the database $MPP_DB (mpp db set changes them): | complaint.sla_days = 5 (default)" "a setting the database does not hold: the built-in default"
expect_eq "$(shown database.path)" "# This run (flag > env > config file > default): | database.path = $MPP_DB (env MPP_DB)" "this run's settings under their own heading"
run config show --format json
expect_out '{"key":"office.code","value":"BKS","source":"database","scope":"database","origin":"database"}' "JSON: the database's value with its source"
expect_out '{"key":"database.path","value":"'"$MPP_DB"'","source":"env","scope":"run","origin":"env MPP_DB"}' "JSON: a run setting with its source"
[[ "$out" != *'"scope":"db_init"'* ]] && pass || fail "without config file office keys no db init defaults are listed"
printf '[office]\ncode = "XYZ"\n' >"$T/office.toml"
run --config "$T/office.toml" config show
expect_eq "$(shown office.code)" "# Stored in the database $MPP_DB (mpp db set changes them): | office.code = BKS (database)
# Defaults of a new database, read only by mpp db init: | office.code = XYZ (config $T/office.toml)" "a config file's office.code is shown apart, as a db init default"
run --config "$T/office.toml" config show --format csv
expect_out $'office.code,XYZ,config,db_init,config '"$T/office.toml" "CSV: its source and scope"
# No database: one line says so, the db init defaults are listed, nothing is created.
run --db "$T/none.db" config show
expect_rc 0 "config show without a database"
expect_eq "$(printf '%s\n' "$out" | grep -c '^# No database settings: ')" "1" "one line says there is no database"
expect_out "# No database settings: database '$T/none.db' does not exist" "and why"
expect_eq "$(shown office.code)" "# Defaults of a new database, read only by mpp db init: | office.code = MPP (default)" "the defaults db init would use"
[ ! -e "$T/none.db" ] && pass || fail "config show does not create the database"
run --db "$T/none.db" config show --json
expect_rc 0 "JSON without a database"
expect_out '{"key":"office.code","value":"MPP","source":"default","scope":"db_init","origin":"default"}' "JSON: the db init default"
expect_err "no database settings: database '$T/none.db' does not exist" "named on stderr"
printf 'not a database at all, but long enough to be read as a file header by SQLite ....\n' >"$T/junk.db"
run --db "$T/junk.db" config show
expect_rc 0 "config show with a file that is not a database"
expect_out "# No database settings: " "says so"
expect_out "is not an mpp database" "and why"

# Errors: exit 78 with FILE:LINE:COL.
printf '[database]\npath = "/x.db"\nbusy_timout_ms = 10\n' >"$T/typo.toml"
run --config "$T/typo.toml" agency list
expect_rc 78 "an unknown key in the config file"
expect_err "$T/typo.toml:3:1: unknown key 'database.busy_timout_ms'" "named with FILE:LINE:COL"
printf '[database]\nbusy_timeout_ms = "soon"\n' >"$T/type.toml"
run --config "$T/type.toml" agency list
expect_rc 78 "a type error in the config file"
expect_err "$T/type.toml:2:" "with its line"
printf 'operator = \n' >"$T/syntax.toml"
MPP_CONFIG=$T/syntax.toml run agency list
expect_rc 78 "a TOML syntax error"
expect_err "$T/syntax.toml:1:" "with its place"
run --config "$T/missing.toml" agency list
expect_rc 78 "a named config file that does not exist"
MPP_CONFIG=$T/missing.toml run agency list
expect_rc 78 "MPP_CONFIG naming a missing file"
printf '[output]\nformat = "xml"\n' >"$T/fmt.toml"
run --config "$T/fmt.toml" config show
expect_rc 78 "a bad value in the config file"
MPP_FORMAT=xml run agency list
expect_rc 78 "a bad value in the environment"
run agency list --format xml
expect_rc 64 "a bad --format flag"
run agency list --format html
expect_rc 64 "report formats are refused for listings"
MPP_NOW=yesterday run agency list
expect_rc 78 "a bad MPP_NOW"

# Operator: flag > env > config > OS user.
run agency add --code AA --name A --kind bank --operator "Loket 3"
expect_eq "$(sql "select operator from audit where key='AA'")" "Loket 3" "--operator is recorded"
expect_eq "$(sql "select os_user from audit where key='AA'")" "$(id -un)" "the OS user is recorded too"
MPP_OPERATOR= run agency add --code BB --name B --kind bank
expect_eq "$(sql "select operator from audit where key='BB'")" "$(id -un)" "the OS user is the default operator"

# Operator names that would hide who acted (data.md "Audit trail"): 64 for a flag or the
# environment, 78 for the config file; nothing is written.
fp=$(fingerprint)
for bad in "" "   " $'Loket\t3' $'Loket 3\r' $'\xe2\x80\xaeLoket' $'Loket\xe2\x81\xa6' $'A\xe2\x80\x8f' $'\xc2\x85x' $'bad \xe9' "$(printf 'a%.0s' $(seq 101))"; do
  run agency add --code CC --name C --kind bank --operator "$bad"
  expect_rc 64 "--operator '$(printf %q "$bad")' is refused"
  expect_err "operator must" "--operator '$(printf %q "$bad")': says why"
  [ -z "$bad" ] && continue # an empty MPP_OPERATOR is unset (the OS user, as above)
  MPP_OPERATOR=$bad run agency add --code CC --name C --kind bank
  expect_rc 64 "MPP_OPERATOR '$(printf %q "$bad")' is refused"
done
expect_eq "$(fingerprint)" "$fp" "refused operators write nothing"
printf 'operator = "   "\n' >"$T/op.toml"
MPP_OPERATOR= run --config "$T/op.toml" agency add --code CC --name C --kind bank
expect_rc 78 "an operator of spaces in the config file"
expect_err "$T/op.toml:1:" "with its place"
printf 'operator = "Loket\\u202E3"\n' >"$T/op.toml"
MPP_OPERATOR= run --config "$T/op.toml" agency add --code CC --name C --kind bank
expect_rc 78 "a bidi override in the config file's operator"
expect_eq "$(fingerprint)" "$fp" "refused config operators write nothing"
long=$(printf '\xc3\xa9%.0s' $(seq 100))
run agency add --code CC --name C --kind bank --operator "$long"
expect_rc 0 "100 characters (200 bytes) is a valid operator"
expect_eq "$(sql "select operator from audit where key='CC'")" "$long" "and it is recorded whole"
finish
