import classes from './SkipLink.module.css';

export const MAIN_CONTENT_ID = 'main-content';

/** The first stop of the Tab key: straight past the header and navigation to the page. */
export function SkipLink() {
  return (
    <a
      className={classes.skip}
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        // Focus moves without touching the address, which the router owns.
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
