# bash completion for utdrag
_utdrag() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "extract rules eval schema --help --version" -- "$cur"))
        return
    fi
    case "$prev" in
        -f|--format) COMPREPLY=($(compgen -W "jsonl json csv html sqlite xlsx" -- "$cur")); return ;;
        -t|--types) COMPREPLY=($(compgen -W "dnr date person party figure org" -- "$cur")); return ;;
        --rules|--gold) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        rules) COMPREPLY=($(compgen -W "list test" -- "$cur")); return ;;
    esac
    case "${COMP_WORDS[1]}" in
        extract)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--format --output --excel --types --rules --jobs --files-from --null --records --shard --progress --no-progress --timings --engine --help" -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi ;;
        schema)
            COMPREPLY=($(compgen -W "--format" -- "$cur")) ;;
        eval)
            COMPREPLY=($(compgen -W "--gold --rules --types --verbose" -- "$cur"))
            [[ "$cur" == -* ]] || COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}
complete -F _utdrag utdrag
