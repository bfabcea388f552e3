from packet.cli import main

main()
