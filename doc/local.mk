dist_man_MANS += %D%/zonegraph.1
EXTRA_DIST += %D%/vocabulary.md %D%/dataset.md %D%/graphml.md %D%/contributing.md \
	%D%/architecture.md %D%/snapshot.md %D%/query.md
