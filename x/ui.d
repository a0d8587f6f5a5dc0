x/ui.o: src/ui.c src/ui.h src/cli.h src/db.h src/util.h

src/ui.h:

src/cli.h:

src/db.h:

src/util.h:
