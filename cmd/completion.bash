# bash completion for mpp. The candidates come from the binary itself: `mpp __complete -- W1 … WN`
# gets the words after `mpp` up to the one being completed (WN, maybe empty) and prints the
# candidates for WN, one per line, already filtered by WN's prefix: nouns, verbs, options, the
# values of enumerated options, and agency and service codes and references read (read-only)
# from the configured database. It always exits 0 and prints no errors.
#
# A file argument (--db, -o, an import's FILE, …) is answered by the single line `:files`: the
# stub then lets bash complete file names (compopt -o default). bash splits `--format=js` into
# `--format`, `=`, `js`; the binary reads those three words as the option and its value.
# Enable from a source build: `source cmd/completion.bash`, or copy this file to
# ~/.local/share/bash-completion/completions/mpp (packages install it as
# /usr/share/bash-completion/completions/mpp).
_mpp() {
    local IFS=$'\n'
    COMPREPLY=($("${COMP_WORDS[0]}" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == :files ]]; then
        COMPREPLY=()
        compopt -o default 2>/dev/null
    fi
    return 0
}
complete -F _mpp mpp
