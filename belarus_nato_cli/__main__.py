from belarus_nato_cli.cli import main

main()
