# Ordinals that number a half year or a quarter ("tredje kvartalet").
första = 1
forsta = 1
1:a = 1
andra = 2
2:a = 2
tredje = 3
3:e = 3
fjärde = 4
fjarde = 4
4:e = 4
