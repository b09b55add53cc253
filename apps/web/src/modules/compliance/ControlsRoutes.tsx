import { Route, Routes } from 'react-router';
import ControlPage from './ControlPage';
import ControlsPage from './ControlsPage';

/** /controls and /controls/:id. */
export default function ControlsRoutes() {
  return (
    <Routes>
      <Route index element={<ControlsPage />} />
      <Route path=":id" element={<ControlPage />} />
    </Routes>
  );
}
