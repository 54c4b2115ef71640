from prsscheck.cli import main

main()
