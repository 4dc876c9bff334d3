# Labels of a split year written "2023/24": school year, budget year.
läsåret
läsår
läsårets
lasaret
budgetåret
verksamhetsåret
brutet räkenskapsår
räkenskapsåret
säsongen
