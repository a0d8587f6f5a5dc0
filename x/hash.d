x/hash.o: src/hash.c src/hash.h src/util.h

src/hash.h:

src/util.h:
