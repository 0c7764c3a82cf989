# bash completion for mpp. The candidates come from the binary itself (`mpp __complete`),
# which knows every noun, verb, option and enumerated value and reads agency and service codes
# and references from the configured database.
_mpp() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local IFS=$'\n'
    COMPREPLY=($("${COMP_WORDS[0]}" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
    return 0
}
complete -F _mpp mpp
