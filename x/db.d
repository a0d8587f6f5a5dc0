x/db.o: src/db.c src/db.h src/util.h src/embedded.h

src/db.h:

src/util.h:

src/embedded.h:
