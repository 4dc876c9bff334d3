januari = 01
jan = 01
