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
