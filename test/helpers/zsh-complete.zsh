# zsh -f test/helpers/zsh-complete.zsh "COMMAND LINE": prints, one per line, what zsh's completion offers at
# the end of COMMAND LINE in an interactive zsh (driven through zpty) that has sourced
# `vmcp-gen completion zsh`. compadd is wrapped to print each match it adds.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; RPROMPT=''; PATH='$PATH'; cd '$PWD'"
zpty -w z 'autoload -Uz compinit; compinit -u -D'
zpty -w z 'source <(vmcp-gen completion zsh)'
zpty -w z 'compadd () { builtin compadd -O __hits "$@"; (( $#__hits )) && print -r -l -- "<HIT>"${^__hits}; builtin compadd "$@" }'
zpty -w z '_vmcp_done () { print -r -- "<DONE>" }; zle -N _vmcp_done; bindkey "^X" _vmcp_done; print "<READY>"'
zpty -r z line '*<READY>*'
zpty -w -n z "$1"$'\t\x18'
out=""
SECONDS=0
while (( SECONDS < 20 )); do
  zpty -r -t z line 2>/dev/null && out+="$line" || sleep 0.1
  [[ "$out" == *"<DONE>"* ]] && break
done
print -r -- "$out" | tr -d '\r' | grep -ao '<HIT>[^[:cntrl:]]*' | sed 's/<HIT>//' | sort -u
zpty -d z
