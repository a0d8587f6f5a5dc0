x/main.o: src/main.c src/cli.h src/db.h src/util.h src/ui.h

src/cli.h:

src/db.h:

src/util.h:

src/ui.h:
