import { Link, isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Shown when a page fails to load or render, instead of a blank screen. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <div className="route-error" role="alert">
      <h1>Something went wrong</h1>
      <p>
        This page could not be shown. Your records are still saved on this device. Try reloading the
        page; if it keeps happening, note what you were doing.
      </p>
      <p className="route-error__detail">Details: {detail}</p>
      <p>
        <Link to="/">Go to the caseload</Link>
      </p>
    </div>
  );
}
